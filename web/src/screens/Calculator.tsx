// The public calculator: "Wat houd ik over als ik parttime ga werken?" No login; nothing is stored.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { euro, monthOf, monthName } from '../lib/format';
import { validateCalculator, type CalculatorForm, type Errors } from '../lib/validate';
import { ErrorBox, Explanation, Field, PageTitle, Toggle, describedBy, type TraceLine } from '../lib/ui';
import { LineChartView } from '../lib/chart';

interface Outcome {
  benefit: number;
  total: number;
  vrijgelaten: number;
}
interface Point {
  hours_per_week: number;
  net_wage: number;
  with_vrijlating: Outcome;
  after_vrijlating: Outcome;
  explanation: TraceLine[];
}
interface CalcResponse {
  decision: { month: string; leefvorm: string; regime: string; amounts: { norm: number; bijstand: number }; trace: TraceLine[] };
  parttime: Point[];
}

const REGIMES = { art31: 'huidige regels', in_balans: 'Participatiewet in balans' } as const;

export function Calculator() {
  const [form, setForm] = useState<CalculatorForm>({
    couple: false,
    age: '35',
    partnerAge: '35',
    childAges: [],
    gemeente: '9999',
    hourlyWage: '14,00',
    regime: 'art31',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<CalcResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<Record<number, boolean>>({});
  const [traceOpen, setTraceOpen] = useState(false);
  const month = monthOf(new Date());

  const set = <K extends keyof CalculatorForm>(k: K, v: CalculatorForm[K]) => setForm({ ...form, [k]: v });

  async function submit(e: Event) {
    e.preventDefault();
    const { errors, request } = validateCalculator(form, month);
    setErrors(errors);
    setFailure(null);
    if (!request) return;
    setBusy(true);
    try {
      setResult(await api<CalcResponse>('POST', '/calculator', request));
      setOpen({});
    } catch (err) {
      setResult(null);
      setFailure(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const input = (id: keyof Errors & string, value: string, onInput: (v: string) => void, extra: Record<string, unknown> = {}) => (
    <input
      id={id}
      value={value}
      onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      aria-invalid={errors[id] ? true : undefined}
      aria-describedby={describedBy(id, errors[id], extra.hint as string | undefined)}
      {...extra}
    />
  );

  const points = result?.parttime ?? [];
  return (
    <section>
      <PageTitle>Wat houd ik over als ik parttime ga werken?</PageTitle>
      <p>
        Vul uw huishouden en uw nettoloon per uur in. U ziet dan per aantal uren per week wat u per maand overhoudt:
        bijstand plus nettoloon, in de maanden met de vrijlating en daarna. Er wordt niets opgeslagen.
      </p>
      <form onSubmit={submit} noValidate class="form-grid" aria-describedby="calc-note">
        <fieldset>
          <legend>Uw huishouden</legend>
          <div class="radios">
            <label>
              <input type="radio" name="couple" checked={!form.couple} onChange={() => set('couple', false)} /> Alleenstaand
            </label>
            <label>
              <input type="radio" name="couple" checked={form.couple} onChange={() => set('couple', true)} /> Met partner (getrouwd of samenwonend)
            </label>
          </div>
          <Field id="age" label="Uw leeftijd (jaren)" error={errors.age}>
            {input('age', form.age, (v) => set('age', v), { inputMode: 'numeric', size: 4 })}
          </Field>
          {form.couple && (
            <Field id="partnerAge" label="Leeftijd partner (jaren)" error={errors.partnerAge}>
              {input('partnerAge', form.partnerAge, (v) => set('partnerAge', v), { inputMode: 'numeric', size: 4 })}
            </Field>
          )}
          <Field id="children" label="Aantal kinderen jonger dan 18 in huis">
            <select
              id="children"
              value={String(form.childAges.length)}
              onChange={(e) => {
                const n = Number((e.target as HTMLSelectElement).value);
                const ages = form.childAges.slice(0, n);
                while (ages.length < n) ages.push('8');
                set('childAges', ages);
              }}
            >
              {[0, 1, 2, 3, 4, 5, 6].map((n) => (
                <option value={String(n)}>{n}</option>
              ))}
            </select>
          </Field>
          {form.childAges.map((a, i) => (
            <Field id={`child${i}`} label={`Leeftijd kind ${i + 1} (jaren)`} error={errors[`child${i}`]}>
              {input(`child${i}`, a, (v) => {
                const ages = form.childAges.slice();
                ages[i] = v;
                set('childAges', ages);
              }, { inputMode: 'numeric', size: 4 })}
            </Field>
          ))}
          <Field id="gemeente" label="Gemeente (CBS-code)" error={errors.gemeente} hint="9999 is de voorbeeldgemeente">
            {input('gemeente', form.gemeente, (v) => set('gemeente', v), { inputMode: 'numeric', size: 6, hint: '9999 is de voorbeeldgemeente' })}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Uw werk</legend>
          <Field id="hourlyWage" label="Nettoloon per uur (euro)" error={errors.hourlyWage} hint="Bijvoorbeeld 12,50">
            {input('hourlyWage', form.hourlyWage, (v) => set('hourlyWage', v), { inputMode: 'decimal', size: 10, hint: 'Bijvoorbeeld 12,50' })}
          </Field>
          <fieldset class="inner">
            <legend>Welke regels?</legend>
            <div class="radios">
              {(Object.keys(REGIMES) as (keyof typeof REGIMES)[]).map((r) => (
                <label>
                  <input type="radio" name="regime" value={r} checked={form.regime === r} onChange={() => set('regime', r)} /> {REGIMES[r]}
                </label>
              ))}
            </div>
          </fieldset>
        </fieldset>
        <div>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Bezig met rekenen…' : 'Bereken'}
          </button>
        </div>
        <p id="calc-note" class="hint">
          Een indicatie voor {monthName(month)}; aan de uitkomst kunt u geen rechten ontlenen.
        </p>
      </form>
      <ErrorBox message={failure} />
      {result && (
        <div aria-live="polite">
          <h2>Uitkomst ({REGIMES[result.decision.regime as keyof typeof REGIMES] ?? result.decision.regime})</h2>
          <p>
            Zonder werk: bijstand <strong data-testid="bijstand-zonder-werk">{euro(result.decision.amounts.bijstand)}</strong> per
            maand ({result.decision.leefvorm}).{' '}
            <Toggle open={traceOpen} onToggle={() => setTraceOpen(!traceOpen)} label="Hoe is dit berekend?" controls="calc-trace" />
          </p>
          {traceOpen && (
            <div id="calc-trace">
              <Explanation lines={result.decision.trace} />
            </div>
          )}
          <LineChartView
            title="Inkomen per maand (bijstand plus nettoloon) tegen uren werk per week"
            xName="uren per week"
            x={points.map((p) => p.hours_per_week)}
            money
            testId="calc-chart"
            series={[
              { name: 'Met vrijlating', values: points.map((p) => p.with_vrijlating.total) },
              { name: 'Na de vrijlating', values: points.map((p) => p.after_vrijlating.total) },
            ]}
          />
          <table class="data" data-testid="calc-table">
            <caption>Inkomen per maand bij parttime werk</caption>
            <thead>
              <tr>
                <th scope="col" class="num">Uren per week</th>
                <th scope="col" class="num">Nettoloon per maand</th>
                <th scope="col" class="num">Bijstand met vrijlating</th>
                <th scope="col" class="num">Totaal met vrijlating</th>
                <th scope="col" class="num">Bijstand na vrijlating</th>
                <th scope="col" class="num">Totaal na vrijlating</th>
                <th scope="col">Uitleg</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => [
                <tr key={`r${i}`}>
                  <th scope="row" class="num">{p.hours_per_week}</th>
                  <td class="num">{euro(p.net_wage)}</td>
                  <td class="num">{euro(p.with_vrijlating.benefit)}</td>
                  <td class="num">{euro(p.with_vrijlating.total)}</td>
                  <td class="num">{euro(p.after_vrijlating.benefit)}</td>
                  <td class="num">{euro(p.after_vrijlating.total)}</td>
                  <td>
                    <Toggle
                      open={!!open[i]}
                      onToggle={() => setOpen({ ...open, [i]: !open[i] })}
                      label="Uitleg"
                      more={`bij ${p.hours_per_week} uur`}
                      controls={`uitleg-${i}`}
                    />
                  </td>
                </tr>,
                open[i] && (
                  <tr key={`e${i}`} id={`uitleg-${i}`}>
                    <td colSpan={7}>
                      <Explanation lines={p.explanation} testId={`uitleg-${p.hours_per_week}`} />
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

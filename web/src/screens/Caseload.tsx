// The caseload over time: cases with a right, inflow and outflow per month (GET /api/v1/stats/caseload).
import { useState } from 'preact/hooks';
import { useGet } from '../lib/useApi';
import { monthName } from '../lib/format';
import { ErrorBox, Field, PageTitle } from '../lib/ui';
import { LineChartView } from '../lib/chart';

interface Caseload {
  months: { month: string; active: number; inflow: number; outflow: number }[];
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function Caseload() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [query, setQuery] = useState('');
  const { data, error, loading } = useGet<Caseload>(`/stats/caseload${query}`);
  const [formError, setFormError] = useState<string | null>(null);
  const months = data?.months ?? [];
  return (
    <section>
      <PageTitle>Caseload, instroom en uitstroom</PageTitle>
      <form
        class="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if ((from && !MONTH_RE.test(from)) || (to && !MONTH_RE.test(to))) {
            setFormError('Vul maanden in als JJJJ-MM, of laat ze leeg voor de laatste 24 maanden.');
            return;
          }
          setFormError(null);
          const p = new URLSearchParams();
          if (from) p.set('from', from);
          if (to) p.set('to', to);
          setQuery(p.toString() ? `?${p}` : '');
        }}
      >
        <Field id="cl-from" label="Van maand (JJJJ-MM)">
          <input id="cl-from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="cl-to" label="Tot en met maand (JJJJ-MM)">
          <input id="cl-to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit">Tonen</button>
      </form>
      <ErrorBox message={formError ?? error} />
      {loading && <p>Laden…</p>}
      {months.length > 0 && (
        <>
          <h2>Lopende dossiers</h2>
          <LineChartView
            title="Aantal dossiers met recht op bijstand per maand"
            xName="maand"
            x={months.map((m) => m.month)}
            series={[{ name: 'Lopende dossiers', values: months.map((m) => m.active) }]}
            testId="caseload-chart"
          />
          <h2>Instroom en uitstroom</h2>
          <LineChartView
            title="Instroom en uitstroom per maand"
            xName="maand"
            x={months.map((m) => m.month)}
            series={[
              { name: 'Instroom', values: months.map((m) => m.inflow) },
              { name: 'Uitstroom', values: months.map((m) => m.outflow) },
            ]}
          />
          <table class="data" data-testid="caseload-table">
            <caption>Caseload per maand</caption>
            <thead>
              <tr>
                <th scope="col">Maand</th>
                <th scope="col" class="num">Lopend</th>
                <th scope="col" class="num">Instroom</th>
                <th scope="col" class="num">Uitstroom</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthName(m.month)}</th>
                  <td class="num">{m.active}</td>
                  <td class="num">{m.inflow}</td>
                  <td class="num">{m.outflow}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

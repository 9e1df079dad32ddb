// The client file (GET /api/v1/cases/{id}): household, income per month, decisions with their
// explanation line by line, letters, history; recording a month's income (klantmanager inkomen).
import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { useGet } from '../lib/useApi';
import { dateNl, euro, monthName, monthOf, parseEuro } from '../lib/format';
import { ErrorBox, Explanation, Field, PageTitle, Toggle, describedBy, type TraceLine } from '../lib/ui';

interface DecisionDoc {
  regime?: string;
  leefvorm?: string;
  amounts?: { norm: number; bijstand: number };
  trace: TraceLine[];
}
export interface StoredDecision {
  id: number;
  case_id: number;
  application_id: number | null;
  kind: string;
  effective_from: string;
  month: string;
  bijstand: number;
  automatic: boolean;
  decided_by: string;
  decided_at: string;
  rules_version: string;
  note: string;
  overpaid: number; // a change to a paid month: received too much (recovered, Pw art. 58)
  underpaid: number; // ... or too little (still owed)
  result: DecisionDoc;
}
interface CaseFileDoc {
  id: number;
  case_number: string;
  gemeente: string;
  status: string;
  start: string;
  end: string | null;
  applicant: { person_id: number; name: string; birth_date: string; iban: string; bsn: string | null };
  partner: { name: string; iban: string; bsn: string | null } | null;
  members: { person_id: number; role: string; birth_date: string; valid_from: string; valid_until: string | null }[];
  incomes: { month: string; person_id: number; work: number; other: number }[];
  garnishments: { creditor: string; reference: string; remaining: number }[];
  recoveries: { id: number; remaining: number }[];
  runs: { month: string; run_status: string; ok: boolean; bijstand: number; to_client: number; debt_withheld: number; error?: string }[];
  calculation: { month: string; decision?: DecisionDoc; error?: string };
  decisions: StoredDecision[];
  letters: { id: number; kind: string; date: string; href: string }[];
}
interface HistoryDoc {
  events: { at: string; actor: string; kind: string; detail: string }[];
}

const ROLE_NL: Record<string, string> = { applicant: 'aanvrager', partner: 'partner', child: 'kind', housemate: 'medebewoner' };
const KIND_NL: Record<string, string> = {
  toekenning: 'toekenning',
  afwijzing: 'afwijzing',
  wijziging: 'wijziging',
  beeindiging: 'beëindiging',
};

export function CaseFile({ id, role }: { id: number; role: string }) {
  const [reload, setReload] = useState(0);
  const { data, error, loading } = useGet<CaseFileDoc>(`/cases/${id}`, reload, { screen: 'dossier' });
  const seesHistory = ['klantmanager_inkomen', 'handhaving', 'financiele_administratie'].includes(role);
  const history = useGet<HistoryDoc>(seesHistory ? `/cases/${id}/history` : null, reload, { screen: 'dossier' });
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const toggle = (k: string) => setOpen({ ...open, [k]: !open[k] });

  if (loading && !data) return <p>Laden…</p>;
  if (!data)
    return (
      <section>
        <PageTitle>Dossier {id}</PageTitle>
        <ErrorBox message={error} />
      </section>
    );
  const d = data;
  const { decisions } = d;
  // Letters: only for the roles that may open them (docs/accounts.md), so nobody gets a link to a 403.
  const seesLetters = role === 'klantmanager_inkomen' || role === 'handhaving';
  const letters = seesLetters ? d.letters : [];
  return (
    <section>
      <PageTitle>
        Dossier {d.case_number}: {d.applicant.name}
      </PageTitle>
      <ErrorBox message={error} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>{d.status}</dd>
        <dt>Recht sinds</dt>
        <dd>{dateNl(d.start)}</dd>
        {d.end && (
          <>
            <dt>Einde</dt>
            <dd>{dateNl(d.end)}</dd>
          </>
        )}
        <dt>Gemeente</dt>
        <dd>{d.gemeente}</dd>
        <dt>IBAN aanvrager</dt>
        <dd>{d.applicant.iban}</dd>
        <dt>BSN aanvrager</dt>
        <dd data-testid="bsn-applicant">
          <MaskedBsn bsn={d.applicant.bsn} />
        </dd>
        {d.partner && (
          <>
            <dt>BSN partner</dt>
            <dd>
              <MaskedBsn bsn={d.partner.bsn} />
            </dd>
          </>
        )}
      </dl>

      <h2>Huishouden</h2>
      <table class="data" data-testid="household">
        <thead>
          <tr>
            <th scope="col">Rol</th>
            <th scope="col">Naam</th>
            <th scope="col">Geboren</th>
            <th scope="col">Vanaf</th>
            <th scope="col">Tot en met</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>aanvrager</td>
            <td>{d.applicant.name}</td>
            <td>{dateNl(d.applicant.birth_date)}</td>
            <td>{dateNl(d.start)}</td>
            <td>{dateNl(d.end)}</td>
          </tr>
          {d.members.map((m) => (
            <tr key={m.person_id + m.valid_from}>
              <td>{ROLE_NL[m.role] ?? m.role}</td>
              <td>{m.role === 'partner' && d.partner ? d.partner.name : '–'}</td>
              <td>{dateNl(m.birth_date)}</td>
              <td>{dateNl(m.valid_from)}</td>
              <td>{dateNl(m.valid_until)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Bijstand nu</h2>
      {d.calculation.decision ? (
        <p>
          {monthName(d.calculation.month)}: <strong>{euro(d.calculation.decision.amounts?.bijstand ?? 0)}</strong> (
          {d.calculation.decision.leefvorm}).{' '}
          <Toggle open={!!open.calc} onToggle={() => toggle('calc')} label="Uitleg van de berekening" controls="calc-now" />
        </p>
      ) : (
        <p>{d.calculation.error ?? 'Geen berekening.'}</p>
      )}
      {open.calc && d.calculation.decision && (
        <div id="calc-now">
          <Explanation lines={d.calculation.decision.trace} />
        </div>
      )}

      <h2>Besluiten ({decisions.length})</h2>
      {decisions.length === 0 ? (
        <p>Nog geen besluiten in nabij.</p>
      ) : (
        <table class="data" data-testid="decisions">
          <thead>
            <tr>
              <th scope="col">Besluit</th>
              <th scope="col">Soort</th>
              <th scope="col">Ingang</th>
              <th scope="col" class="num">Bijstand</th>
              <th scope="col">Genomen door</th>
              <th scope="col">Uitleg</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((x) => [
              <tr key={`d${x.id}`}>
                <th scope="row">{x.id}</th>
                <td>{KIND_NL[x.kind] ?? x.kind}</td>
                <td>{dateNl(x.effective_from)}</td>
                <td class="num">
                  {euro(x.bijstand)}
                  {x.overpaid > 0 && <div class="hint">{monthName(x.month)} te veel: {euro(x.overpaid)}, teruggevorderd</div>}
                  {x.underpaid > 0 && <div class="hint">{monthName(x.month)} te weinig: {euro(x.underpaid)}, nog te betalen</div>}
                </td>
                <td>
                  {x.automatic ? 'automatisch (nabij)' : x.decided_by}, {dateNl(x.decided_at)}
                  {x.note && <div class="hint">{x.note}</div>}
                </td>
                <td>
                  <Toggle open={!!open[`d${x.id}`]} onToggle={() => toggle(`d${x.id}`)} label={`Uitleg besluit ${x.id}`} controls={`uitleg-d${x.id}`} />
                </td>
              </tr>,
              open[`d${x.id}`] && (
                <tr key={`e${x.id}`} id={`uitleg-d${x.id}`}>
                  <td colSpan={6}>
                    <Explanation lines={x.result?.trace ?? []} testId={`trace-${x.id}`} />
                    <p class="hint">Regelversie {x.rules_version}</p>
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      )}

      {seesLetters && <h2>Brieven</h2>}
      {!seesLetters ? null : letters.length === 0 ? (
        <p>Geen brieven.</p>
      ) : (
        <ul data-testid="letters">
          {letters.map((l) => (
            <li>
              <a href={l.href} target="_blank" rel="noopener">
                Brief {l.kind} van {dateNl(l.date)} (PDF)
              </a>
            </li>
          ))}
        </ul>
      )}

      <h2>Inkomen per maand</h2>
      {d.incomes.length === 0 ? (
        <p>Geen inkomen geregistreerd.</p>
      ) : (
        <table class="data" data-testid="incomes">
          <thead>
            <tr>
              <th scope="col">Maand</th>
              <th scope="col">Van</th>
              <th scope="col" class="num">Uit werk (netto)</th>
              <th scope="col" class="num">Overig (netto)</th>
            </tr>
          </thead>
          <tbody>
            {[...d.incomes].reverse().map((i) => (
              <tr key={i.month + i.person_id}>
                <td>{monthName(i.month)}</td>
                <td>{i.person_id === d.applicant.person_id ? 'aanvrager' : 'partner'}</td>
                <td class="num">{euro(i.work)}</td>
                <td class="num">{euro(i.other)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {role === 'klantmanager_inkomen' && d.status === 'lopend' && (
        <IncomeForm caseId={d.id} hasPartner={!!d.partner} onSaved={() => setReload(reload + 1)} />
      )}

      {(d.garnishments.length > 0 || d.recoveries.length > 0) && (
        <>
          <h2>Beslag en terugvordering</h2>
          <ul>
            {d.garnishments.map((g) => (
              <li>
                Beslag {g.creditor} ({g.reference}): nog {euro(g.remaining)}
              </li>
            ))}
            {d.recoveries.map((r) => (
              <li>
                Terugvordering {r.id}: nog {euro(r.remaining)}
              </li>
            ))}
          </ul>
        </>
      )}

      {d.runs.length > 0 && (
        <>
          <h2>Betalingen</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Maand</th>
                <th scope="col">Run</th>
                <th scope="col" class="num">Bijstand</th>
                <th scope="col" class="num">Schuldenfonds</th>
                <th scope="col" class="num">Aan klant</th>
              </tr>
            </thead>
            <tbody>
              {d.runs.map((r) => (
                <tr key={r.month}>
                  <td>{monthName(r.month)}</td>
                  <td>{r.ok ? r.run_status : `uitzondering: ${r.error ?? ''}`}</td>
                  <td class="num">{euro(r.bijstand)}</td>
                  <td class="num">{euro(r.debt_withheld)}</td>
                  <td class="num">{euro(r.to_client - r.debt_withheld)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {seesHistory && (
        <>
          <h2>Geschiedenis</h2>
          <ErrorBox message={history.error} />
          {history.data && history.data.events.length === 0 && <p>Geen gebeurtenissen.</p>}
          {history.data && history.data.events.length > 0 && (
            <table class="data" data-testid="history">
              <thead>
                <tr>
                  <th scope="col">Wanneer</th>
                  <th scope="col">Wie</th>
                  <th scope="col">Wat</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {history.data.events.map((e, i) => (
                  <tr key={i}>
                    <td>{e.at.replace('T', ' ').replace(/\..*$/, '')}</td>
                    <td>{e.actor}</td>
                    <td>{e.kind}</td>
                    <td class="detail">{e.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

interface IncomeResult {
  decision: StoredDecision;
  month_was_paid: boolean;
  paid: number;
  overpaid: number;
  underpaid: number;
  recovery_id: number | null;
}

function IncomeForm({ caseId, hasPartner, onSaved }: { caseId: number; hasPartner: boolean; onSaved: () => void }) {
  const [month, setMonth] = useState(monthOf(new Date()));
  const [work, setWork] = useState('');
  const [other, setOther] = useState('');
  const [partner, setPartner] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<IncomeResult | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) errs.month = 'Vul een maand in als JJJJ-MM, bijvoorbeeld 2026-11.';
    const w = parseEuro(work);
    if (w === null || w < 0) errs.net_work_income = 'Vul een bedrag in, bijvoorbeeld 450,00.';
    const o = other.trim() === '' ? 0 : parseEuro(other);
    if (o === null || o < 0) errs.other_income = 'Vul een bedrag in of laat het leeg.';
    setErrors(errs);
    setFailure(null);
    if (Object.keys(errs).length) return;
    try {
      const body: Record<string, unknown> = { month, net_work_income: w, other_income: o };
      if (partner) body.partner = true;
      const r = await api<IncomeResult>('POST', `/cases/${caseId}/incomes`, body);
      setResult(r);
      setWork('');
      setOther('');
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.field && ['month', 'net_work_income', 'other_income'].includes(err.field))
        setErrors({ [err.field]: err.fieldText });
      else setFailure(err instanceof ApiError ? err.message : String(err));
    }
  }
  const text = (id: string, label: string, value: string, set: (v: string) => void, hint?: string) => (
    <Field id={`inc-${id}`} label={label} error={errors[id]} hint={hint}>
      <input
        id={`inc-${id}`}
        value={value}
        onInput={(e) => set((e.target as HTMLInputElement).value)}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={describedBy(`inc-${id}`, errors[id], hint)}
      />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate class="box" aria-labelledby="inc-title">
      <h3 id="inc-title">Inkomen doorgeven</h3>
      {text('month', 'Maand (JJJJ-MM)', month, setMonth)}
      {text('net_work_income', 'Netto inkomen uit werk (euro)', work, setWork, 'Van de loonstrook, bijvoorbeeld 450,00')}
      {text('other_income', 'Overig netto inkomen (euro, mag leeg)', other, setOther)}
      {hasPartner && (
        <div class="field">
          <label>
            <input type="checkbox" checked={partner} onChange={(e) => setPartner((e.target as HTMLInputElement).checked)} /> Inkomen van de
            partner
          </label>
        </div>
      )}
      <ErrorBox message={failure} />
      <button type="submit" class="primary">
        Inkomen opslaan en opnieuw berekenen
      </button>
      {result && (
        <div class="ok" role="status" data-testid="income-result">
          Opgeslagen: {KIND_NL[result.decision.kind] ?? result.decision.kind} (besluit {result.decision.id}), bijstand{' '}
          {monthName(result.decision.month)} {euro(result.decision.bijstand)}.
          {result.month_was_paid && (
            <>
              {' '}
              Deze maand was al betaald ({euro(result.paid)}).
              {result.overpaid > 0 && ` Te veel betaald: ${euro(result.overpaid)}, teruggevorderd (vordering ${result.recovery_id}).`}
              {result.underpaid > 0 && ` Nog te betalen: ${euro(result.underpaid)}.`}
            </>
          )}
        </div>
      )}
    </form>
  );
}

/** A BSN as the server gives it: masked ("*****6789"), read out as "eindigt op 6789". */
function MaskedBsn({ bsn }: { bsn: string | null }) {
  if (!bsn) return <>niet bekend</>;
  return <span aria-label={`BSN eindigt op ${bsn.slice(-4)}`}>{bsn}</span>;
}

// The payment run (financiële administratie): prepare, review totals and exceptions, approve by a
// second user, download SEPA, Excel and CSV. The auditor sees the same, read only.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { useGet } from '../lib/useApi';
import { Link } from '../lib/router';
import { euro, monthName, monthOf } from '../lib/format';
import { ErrorBox, Field, PageTitle } from '../lib/ui';

interface Run {
  month: string;
  status: string;
  prepared_by: string;
  approved_by: string | null;
  rules_version: string;
  booking_date: string;
  created_at: string;
}
interface Totals {
  cases: number;
  failed: number;
  payments: number;
  bijstand: number;
  vt_reserved: number;
  vt_paid: number;
  garnished: number;
  recovered: number;
  direct: number;
  to_client: number; // the clients' share, of which debt_withheld went to the debt fund
  debt_withheld: number;
}
interface Report {
  run: Run;
  totals: Totals;
  failed: { case_id: number; code: string; message: string }[];
}

const STATUS_NL: Record<string, string> = {
  preparing: 'in voorbereiding',
  prepared: 'voorbereid, wacht op goedkeuring',
  approved: 'goedgekeurd',
  exported: 'geëxporteerd',
};

export function Runs({ role, user }: { role: string; user: string }) {
  const [month, setMonth] = useState(monthOf(new Date()));
  const [shown, setShown] = useState(monthOf(new Date()));
  const [reload, setReload] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const runs = useGet<{ runs: Run[] }>('/runs', reload);
  const exists = runs.data?.runs.some((r) => r.month === shown) ?? false;
  const report = useGet<Report>(exists ? `/runs/${shown}/report` : null, reload);
  const canAct = role === 'financiele_administratie';

  async function act(what: 'prepare' | 'approve') {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await api('POST', `/runs/${shown}/${what}`);
      setNotice(what === 'prepare' ? `De betaalrun van ${monthName(shown)} is voorbereid.` : `De betaalrun van ${monthName(shown)} is goedgekeurd.`);
      setReload(reload + 1);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const r = exists ? report.data : null;
  const run = r?.run;
  const monthValid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  return (
    <section>
      <PageTitle>Betaalrun</PageTitle>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (monthValid) setShown(month);
        }}
        noValidate
      >
        <Field id="run-month" label="Maand (JJJJ-MM)" error={monthValid ? undefined : 'Vul een maand in als JJJJ-MM.'}>
          <input id="run-month" value={month} onInput={(e) => setMonth((e.target as HTMLInputElement).value)} aria-invalid={!monthValid || undefined} />
        </Field>
        <button type="submit">Tonen</button>
      </form>
      <ErrorBox message={runs.error ?? report.error} />
      <ErrorBox message={failure} />
      {notice && (
        <div class="ok" role="status">
          {notice}
        </div>
      )}

      <h2>Betaalrun {monthName(shown)}</h2>
      {!exists && runs.data && (
        <p>
          Deze betaalrun is nog niet voorbereid.{' '}
          {canAct && (
            <button type="button" class="primary" disabled={busy} onClick={() => act('prepare')}>
              {busy ? 'Bezig…' : `Betaalrun ${monthName(shown)} voorbereiden`}
            </button>
          )}
        </p>
      )}
      {run && r && (
        <div data-testid="run-report">
          <dl class="facts">
            <dt>Status</dt>
            <dd data-testid="run-status">{STATUS_NL[run.status] ?? run.status}</dd>
            <dt>Voorbereid door</dt>
            <dd>{run.prepared_by}</dd>
            <dt>Goedgekeurd door</dt>
            <dd>{run.approved_by ?? '–'}</dd>
            <dt>Boekdatum</dt>
            <dd>{run.booking_date}</dd>
            <dt>Regelversie</dt>
            <dd>{run.rules_version}</dd>
          </dl>
          <table class="data totals">
            <caption>Totalen</caption>
            <tbody>
              <tr><th scope="row">Dossiers</th><td class="num">{r.totals.cases}</td></tr>
              <tr><th scope="row">Uitzonderingen</th><td class="num">{r.totals.failed}</td></tr>
              <tr><th scope="row">Betalingen</th><td class="num">{r.totals.payments}</td></tr>
              <tr><th scope="row">Bijstand</th><td class="num">{euro(r.totals.bijstand)}</td></tr>
              <tr><th scope="row">Vakantietoeslag gereserveerd</th><td class="num">{euro(r.totals.vt_reserved)}</td></tr>
              <tr><th scope="row">Vakantietoeslag betaald</th><td class="num">{euro(r.totals.vt_paid)}</td></tr>
              <tr><th scope="row">Beslag</th><td class="num">{euro(r.totals.garnished)}</td></tr>
              <tr><th scope="row">Verrekend (terugvordering)</th><td class="num">{euro(r.totals.recovered)}</td></tr>
              <tr><th scope="row">Rechtstreekse betalingen</th><td class="num">{euro(r.totals.direct)}</td></tr>
              <tr><th scope="row">Ingehouden voor het schuldenfonds</th><td class="num">{euro(r.totals.debt_withheld)}</td></tr>
              <tr><th scope="row">Aan klanten</th><td class="num">{euro(r.totals.to_client - r.totals.debt_withheld)}</td></tr>
            </tbody>
          </table>
          <h3>Uitzonderingen ({r.failed.length})</h3>
          {r.failed.length === 0 ? (
            <p>Geen uitzonderingen.</p>
          ) : (
            <ul data-testid="run-exceptions">
              {r.failed.map((f) => (
                <li>
                  <Link href={`/dossiers/${f.case_id}`}>Dossier {f.case_id}</Link>: {f.message} ({f.code})
                </li>
              ))}
            </ul>
          )}
          <div class="buttons">
            {canAct && run.status === 'prepared' && run.prepared_by !== user && (
              <button type="button" class="primary" disabled={busy} onClick={() => act('approve')}>
                Betaalrun goedkeuren
              </button>
            )}
            {canAct && run.status === 'prepared' && run.prepared_by === user && (
              <p class="notice">U heeft deze run voorbereid; een andere medewerker van de financiële administratie keurt hem goed (vier ogen).</p>
            )}
            {canAct && run.status === 'preparing' && (
              <button type="button" disabled={busy} onClick={() => act('prepare')}>
                Voorbereiden afmaken
              </button>
            )}
          </div>
          <h3>Downloads</h3>
          <ul>
            <li>
              <a href={`/api/v1/runs/${run.month}/report?format=xlsx`} download>
                Overzicht betalingen (Excel)
              </a>
            </li>
            <li>
              <a href={`/api/v1/runs/${run.month}/report?format=csv`} download>
                Overzicht betalingen (CSV)
              </a>
            </li>
            {canAct && (run.status === 'approved' || run.status === 'exported') && (
              <li>
                <a href={`/api/v1/runs/${run.month}/sepa`} download data-testid="sepa-link">
                  SEPA-betaalbestand (pain.001)
                </a>
              </li>
            )}
          </ul>
        </div>
      )}

      <h2>Alle betaalruns</h2>
      {runs.data && runs.data.runs.length === 0 && <p>Nog geen betaalruns.</p>}
      {runs.data && runs.data.runs.length > 0 && (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Maand</th>
              <th scope="col">Status</th>
              <th scope="col">Voorbereid door</th>
              <th scope="col">Goedgekeurd door</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.runs.map((x) => (
              <tr key={x.month}>
                <td>
                  <button type="button" class="link-button" onClick={() => { setMonth(x.month); setShown(x.month); }}>
                    {monthName(x.month)}
                  </button>
                </td>
                <td>{STATUS_NL[x.status] ?? x.status}</td>
                <td>{x.prepared_by}</td>
                <td>{x.approved_by ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

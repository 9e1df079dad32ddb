// The start page: the work queues (GET /api/v1/workqueues).
import { useGet } from '../lib/useApi';
import { Link } from '../lib/router';
import { dateNl, euro, monthName } from '../lib/format';
import { ErrorBox, PageTitle } from '../lib/ui';

export interface Deadlines {
  earliest_application: string;
  voorschot_due: string | null;
  decision_due: string | null;
  days_left: number | null;
  suspended_days: number;
  suspended_now: boolean;
}
export interface QueuedApplication {
  id: number;
  gemeente: string;
  melding: string;
  received: string | null;
  start_date: string;
  bijstand: number;
  voorschot_minimum: number | null;
  deadlines: Deadlines;
  reasons: string[];
}
export interface WorkQueues {
  applications: QueuedApplication[];
  voorschotten: QueuedApplication[];
  run_exceptions: { month: string | null; cases: { case_id: number; code: string; message: string }[] };
}

const todayIso = () => new Date().toISOString().slice(0, 10);

export function Start({ role }: { role: string }) {
  const { data, error, loading } = useGet<WorkQueues>('/workqueues');
  const canDecide = role === 'klantmanager_inkomen';
  return (
    <section>
      <PageTitle>Werkvoorraad</PageTitle>
      <ErrorBox message={error} />
      {loading && <p>Laden…</p>}
      {data && (
        <>
          <h2>Aanvragen op volgorde van resterende dagen ({data.applications.length})</h2>
          {data.applications.length === 0 ? (
            <p>Er wachten geen aanvragen.</p>
          ) : (
            <table class="data" data-testid="queue-applications">
              <caption class="sr-only">Aanvragen die op een beslissing wachten</caption>
              <thead>
                <tr>
                  <th scope="col">Aanvraag</th>
                  <th scope="col" class="num">Dagen over</th>
                  <th scope="col">Beslissen uiterlijk</th>
                  <th scope="col">Voorschot uiterlijk</th>
                  <th scope="col" class="num">Bijstand</th>
                  <th scope="col">Waarom een medewerker</th>
                </tr>
              </thead>
              <tbody>
                {data.applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {canDecide ? <Link href={`/aanvragen/${a.id}`}>Aanvraag {a.id}</Link> : `Aanvraag ${a.id}`}
                    </th>
                    <td class={'num' + (a.deadlines.days_left !== null && a.deadlines.days_left < 7 ? ' urgent' : '')}>
                      {a.deadlines.days_left ?? '–'}
                      {a.deadlines.suspended_now && ' (opgeschort)'}
                    </td>
                    <td>{dateNl(a.deadlines.decision_due)}</td>
                    <td>{dateNl(a.deadlines.voorschot_due)}</td>
                    <td class="num">{euro(a.bijstand)}</td>
                    <td>
                      <ul class="plain">
                        {a.reasons.map((r) => (
                          <li>{r}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Voorschotten die binnen 7 dagen betaald moeten zijn ({data.voorschotten.length})</h2>
          {data.voorschotten.length === 0 ? (
            <p>Geen voorschotten binnen 7 dagen.</p>
          ) : (
            <table class="data" data-testid="queue-voorschotten">
              <caption class="sr-only">Voorschotten (Pw art. 52)</caption>
              <thead>
                <tr>
                  <th scope="col">Aanvraag</th>
                  <th scope="col">Voorschot uiterlijk</th>
                  <th scope="col" class="num">Ten minste</th>
                </tr>
              </thead>
              <tbody>
                {data.voorschotten.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {canDecide ? <Link href={`/aanvragen/${a.id}`}>Aanvraag {a.id}</Link> : `Aanvraag ${a.id}`}
                    </th>
                    <td class={a.deadlines.voorschot_due && a.deadlines.voorschot_due < todayIso() ? 'urgent' : undefined}>
                      {dateNl(a.deadlines.voorschot_due)}
                      {a.deadlines.voorschot_due && a.deadlines.voorschot_due < todayIso() && ' (te laat)'}
                    </td>
                    <td class="num">{a.voorschot_minimum === null ? '–' : euro(a.voorschot_minimum)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>
            Uitzonderingen in de betaalrun
            {data.run_exceptions.month ? ` van ${monthName(data.run_exceptions.month)}` : ''} ({data.run_exceptions.cases.length})
          </h2>
          {data.run_exceptions.cases.length === 0 ? (
            <p>Geen uitzonderingen.</p>
          ) : (
            <ul data-testid="queue-run-exceptions">
              {data.run_exceptions.cases.map((c) => (
                <li>
                  <Link href={`/dossiers/${c.case_id}`}>Dossier {c.case_id}</Link>: {c.message} ({c.code})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

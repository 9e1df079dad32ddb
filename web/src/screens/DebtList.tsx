// The debt fund's dossiers for the schuldhulpverlener (GET /api/v1/debt/dossiers): first the work
// queue of the four-week clock (late and at risk first, days left), then every other dossier.
import { useGet } from '../lib/useApi';
import { Link } from '../lib/router';
import { dateNl, euro } from '../lib/format';
import { ErrorBox, PageTitle } from '../lib/ui';
import { clockStateNl, clockUrgent, daysLeftText, dossierStatusNl, otherDossiers, queueRows, type DebtDossiers, type DebtDossierSummary } from '../lib/debt';

export function DebtList() {
  const { data, error, loading } = useGet<DebtDossiers>('/debt/dossiers', 0, { screen: 'schulden' });
  const queue = data ? queueRows(data) : [];
  const others = data ? otherDossiers(data) : [];
  return (
    <section>
      <PageTitle>Schuldenfonds: dossiers</PageTitle>
      <ErrorBox message={error} />
      {loading && <p>Laden…</p>}
      {data && (
        <>
          <h2>Werkvoorraad: de klok van vier weken ({queue.length})</h2>
          <p class="hint">Binnen 28 dagen na aanmelding moeten alle schulden gesaneerd zijn. Te laat staat bovenaan, dan de minste dagen over.</p>
          {queue.length === 0 ? (
            <p>Geen dossiers die te laat zijn of dreigen te laat te komen.</p>
          ) : (
            <table class="data" data-testid="debt-queue">
              <caption class="sr-only">Dossiers die te laat zijn of risico lopen</caption>
              <thead>
                <tr>
                  <th scope="col">Dossier</th>
                  <th scope="col">Klok</th>
                  <th scope="col" class="num">Dagen</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Open schulden</th>
                  <th scope="col" class="num">Geëscaleerd</th>
                  <th scope="col" class="num">Totaal schulden</th>
                </tr>
              </thead>
              <tbody>
                {queue.map(({ clock, dossier }) => (
                  <tr key={clock.dossier_id}>
                    <th scope="row">
                      <Link href={`/schulden/${clock.dossier_id}`}>Dossier {clock.dossier_id}</Link>
                      {dossier && <div class="hint">{dossier.household_ref}</div>}
                    </th>
                    <td class={clockUrgent(clock.state) ? 'urgent' : undefined}>{clockStateNl(clock.state)}</td>
                    <td class={'num' + (clock.days_left < 0 ? ' urgent' : '')}>{daysLeftText(clock)}</td>
                    <td>{dossier ? dossierStatusNl(dossier.status) : '–'}</td>
                    <td class="num">{clock.open_claims}</td>
                    <td class="num">{clock.escalated_claims}</td>
                    <td class="num">{dossier ? euro(dossier.claims_total) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Overige dossiers ({others.length})</h2>
          {others.length === 0 ? <p>Geen andere dossiers.</p> : <DossierTable rows={others} />}
        </>
      )}
    </section>
  );
}

function DossierTable({ rows }: { rows: DebtDossierSummary[] }) {
  return (
    <table class="data" data-testid="debt-dossiers">
      <caption class="sr-only">Dossiers van het schuldenfonds</caption>
      <thead>
        <tr>
          <th scope="col">Dossier</th>
          <th scope="col">Aangemeld</th>
          <th scope="col">Status</th>
          <th scope="col">Klok</th>
          <th scope="col" class="num">Schulden</th>
          <th scope="col" class="num">Totaal schulden</th>
          <th scope="col" class="num">Saldo bij het fonds</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id}>
            <th scope="row">
              <Link href={`/schulden/${d.id}`}>Dossier {d.id}</Link>
              <div class="hint">{d.household_ref}</div>
            </th>
            <td>{dateNl(d.registered)}</td>
            <td>{dossierStatusNl(d.status)}</td>
            <td>
              {clockStateNl(d.clock.state)}, {daysLeftText(d.clock)}
            </td>
            <td class="num">{d.claims}</td>
            <td class="num">{euro(d.claims_total)}</td>
            <td class="num">{euro(d.balance)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

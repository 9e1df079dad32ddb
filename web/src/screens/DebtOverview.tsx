// The household's own view of its plan and balance, in plain Dutch
// (GET /api/v1/debt/dossiers/{id}/overview): what the worker prints and hands over, or sends as a
// letter (GET /api/v1/debt/dossiers/{id}/letter, PDF).
import { useGet } from '../lib/useApi';
import { Link } from '../lib/router';
import { euro, monthName } from '../lib/format';
import { ErrorBox, PageTitle } from '../lib/ui';
import { milestoneForHouseholdNl, type DebtOverviewDoc } from '../lib/debt';
import './debt-print.css';

export function DebtOverview({ id }: { id: number }) {
  const { data, error, loading } = useGet<DebtOverviewDoc>(`/debt/dossiers/${id}/overview`, 0, { screen: 'schuldenoverzicht' });
  return (
    <section class="household-view">
      <p class="no-print">
        <Link href={`/schulden/${id}`}>Terug naar het dossier</Link>{' '}
        <button type="button" class="primary" onClick={() => window.print()}>
          Afdrukken
        </button>
        <a href={`/api/v1/debt/dossiers/${id}/letter`} target="_blank" rel="noopener" data-testid="overview-letter">
          Als brief (PDF)
        </a>
      </p>
      <PageTitle>Uw schulden en uw regeling</PageTitle>
      <ErrorBox message={error} />
      {loading && <p>Laden…</p>}
      {data && (
        <>
          <div data-testid="overview-lines">
            {data.lines.map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
          <h2>In het kort</h2>
          <dl class="facts" data-testid="overview-facts">
            <dt>Nog te betalen</dt>
            <dd>
              <strong>{euro(data.balance)}</strong>
            </dd>
            {data.monthly > 0 && (
              <>
                <dt>Per maand</dt>
                <dd>{euro(data.monthly)}</dd>
              </>
            )}
            {data.last_month && (
              <>
                <dt>Laatste betaling</dt>
                <dd>{monthName(data.last_month)}</dd>
              </>
            )}
            {data.arrears > 0 && (
              <>
                <dt>Achterstand</dt>
                <dd>{euro(data.arrears)}</dd>
              </>
            )}
            <dt>Al kwijtgescholden</dt>
            <dd>{euro(data.forgiven)}</dd>
          </dl>
          {data.milestones.length > 0 && (
            <>
              <h2>Zo wordt uw schuld kleiner</h2>
              <table class="data" data-testid="overview-milestones">
                <thead>
                  <tr>
                    <th scope="col">Als u dit doet</th>
                    <th scope="col" class="num">Dan hoeft u niet meer te betalen</th>
                  </tr>
                </thead>
                <tbody>
                  {data.milestones.map((m) => (
                    <tr key={m.kind}>
                      <td>{milestoneForHouseholdNl(m.kind)}</td>
                      <td class="num">{euro(m.forgives)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <p class="hint">Dossier {data.dossier_id}. Vragen? Bel of mail uw schuldhulpverlener.</p>
        </>
      )}
    </section>
  );
}

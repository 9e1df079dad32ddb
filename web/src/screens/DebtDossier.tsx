// One dossier of the debt fund (GET /api/v1/debt/dossiers/{id}): finances, every claim with its
// offers and answers, the plan with arrears, repayments and forgiveness; the worker confirms a
// milestone (POST .../milestones) and has the instalment withheld from a benefit case
// (PUT .../withholding); a refusal shows the server's reason in Dutch.
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { useGet } from '../lib/useApi';
import { Link } from '../lib/router';
import { dateNl, euro, monthName } from '../lib/format';
import { ErrorBox, PageTitle, Toggle } from '../lib/ui';
import {
  MILESTONE_KINDS,
  answerNl,
  claimStatusNl,
  clockStateNl,
  daysLeftText,
  dossierStatusNl,
  huishoudenNl,
  milestoneError,
  milestoneNl,
  regimeNl,
  repaymentSourceNl,
  sectorNl,
  type DebtClaim,
  type DebtDossierDoc,
} from '../lib/debt';

export function DebtDossier({ id }: { id: number }) {
  const [reload, setReload] = useState(0);
  const { data, error, loading } = useGet<DebtDossierDoc>(`/debt/dossiers/${id}`, reload, { screen: 'schuldendossier' });
  const [open, setOpen] = useState<Record<number, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [caseText, setCaseText] = useState('');
  const [caseError, setCaseError] = useState<string | null>(null);
  const [withholdDone, setWithholdDone] = useState<string | null>(null);

  // PUT .../withholding: the payment run withholds the instalment from this benefit case (null: stop).
  async function withhold(benefitCase: number | null) {
    if (busy) return;
    setCaseError(null);
    setWithholdDone(null);
    if (benefitCase !== null && !(Number.isInteger(benefitCase) && benefitCase >= 1)) {
      setCaseError('Vul het zaaknummer van de uitkering in (een heel getal vanaf 1).');
      return;
    }
    setBusy(true);
    try {
      await api('PUT', `/debt/dossiers/${id}/withholding`, { case: benefitCase }, { screen: 'schuldendossier' });
      setWithholdDone(
        benefitCase === null
          ? 'Er wordt niet langer ingehouden op de uitkering.'
          : `Vanaf de volgende betaalrun wordt de termijn ingehouden op uitkering ${benefitCase}.`,
      );
      setCaseText('');
      setReload((n) => n + 1);
    } catch (e) {
      setCaseError(milestoneError(e));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(kind: string) {
    if (busy) return; // the buttons stay enabled (and keep the focus); a second click waits
    setBusy(true);
    setRefused(null);
    setDone(null);
    try {
      const r = await api<{ forgiven: number }>('POST', `/debt/dossiers/${id}/milestones`, { kind }, { screen: 'schuldendossier' });
      setDone(`${milestoneNl(kind)}: bevestigd, ${euro(r.forgiven)} kwijtgescholden.`);
      setReload((n) => n + 1);
    } catch (e) {
      setRefused(milestoneError(e));
    } finally {
      setBusy(false);
    }
  }

  if (loading && !data) return <p>Laden…</p>;
  if (!data)
    return (
      <section>
        <PageTitle>Schuldendossier {id}</PageTitle>
        <ErrorBox message={error} />
      </section>
    );
  const d = data;
  const f = d.finances;
  return (
    <section>
      <PageTitle>
        Schuldendossier {d.id} ({d.household_ref})
      </PageTitle>
      <ErrorBox message={error} />
      <p>
        <Link href="/schulden">Terug naar de dossiers</Link> · <Link href={`/schulden/${d.id}/overzicht`}>Overzicht voor het huishouden</Link>
      </p>
      <dl class="facts" data-testid="debt-facts">
        <dt>Status</dt>
        <dd>{dossierStatusNl(d.status)}</dd>
        <dt>Aangemeld</dt>
        <dd>{dateNl(d.registered)}</dd>
        <dt>Klok van vier weken</dt>
        <dd>
          {clockStateNl(d.clock.state)}, {daysLeftText(d.clock)}
        </dd>
        <dt>Schulden</dt>
        <dd>
          {d.claims}, samen {euro(d.claims_total)}
        </dd>
        <dt>Betaald door het fonds</dt>
        <dd>{euro(d.owed)}</dd>
        <dt>Afgelost</dt>
        <dd>{euro(d.repaid)}</dd>
        <dt>Kwijtgescholden</dt>
        <dd>{euro(d.forgiven)}</dd>
        <dt>Saldo bij het fonds</dt>
        <dd>
          <strong data-testid="debt-balance">{euro(d.balance)}</strong>
        </dd>
      </dl>

      <h2>Financiën</h2>
      <dl class="facts">
        <dt>Huishouden</dt>
        <dd>
          {huishoudenNl(f.huishouden)} ({f.adults} {f.adults === 1 ? 'volwassene' : 'volwassenen'})
        </dd>
        <dt>Bijstand</dt>
        <dd>{f.op_bijstand ? 'ja' : 'nee'}</dd>
        <dt>Bijstandsnorm</dt>
        <dd>{euro(f.bijstandsnorm)}</dd>
        <dt>Netto inkomen per maand</dt>
        <dd>{euro(f.net_income)}</dd>
        <dt>Woonlasten per maand</dt>
        <dd>{euro(f.housing_costs)}</dd>
        <dt>Andere vaste lasten per maand</dt>
        <dd>{euro(f.other_fixed_costs)}</dd>
      </dl>

      <h2>Schulden ({d.claims_detail.length})</h2>
      <table class="data" data-testid="debt-claims">
        <thead>
          <tr>
            <th scope="col">Schuldeiser</th>
            <th scope="col">Sector</th>
            <th scope="col" class="num">Hoofdsom</th>
            <th scope="col" class="num">Rente</th>
            <th scope="col" class="num">Incassokosten</th>
            <th scope="col" class="num">Totaal</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Akkoord voor</th>
            <th scope="col">Aanbiedingen</th>
          </tr>
        </thead>
        <tbody>
          {d.claims_detail.map((c) => [
            <tr key={`c${c.seq}`}>
              <th scope="row">
                {c.creditor}
                <div class="hint">
                  kenmerk {c.creditor_reference}, {c.verification}
                </div>
              </th>
              <td>{sectorNl(c.sector)}</td>
              <td class="num">{euro(c.principal)}</td>
              <td class="num">{euro(c.interest)}</td>
              <td class="num">{euro(c.collection_costs)}</td>
              <td class="num">{euro(c.total)}</td>
              <td class={c.status === 'geescaleerd' ? 'urgent' : undefined}>
                {claimStatusNl(c.status)}
                {c.paid_on && <div class="hint">betaald {dateNl(c.paid_on)}</div>}
              </td>
              <td class="num">{c.settled_amount === null ? '–' : euro(c.settled_amount)}</td>
              <td>
                {c.offers.length === 0 ? (
                  'nog geen'
                ) : (
                  <Toggle
                    open={!!open[c.seq]}
                    onToggle={() => setOpen({ ...open, [c.seq]: !open[c.seq] })}
                    label={`${c.offers.length} ${c.offers.length === 1 ? 'aanbod' : 'aanbiedingen'}`}
                    more={`aan ${c.creditor}`}
                    controls={`offers-${c.seq}`}
                  />
                )}
              </td>
            </tr>,
            open[c.seq] && (
              <tr key={`o${c.seq}`} id={`offers-${c.seq}`}>
                <td colSpan={9}>
                  <Offers claim={c} />
                </td>
              </tr>
            ),
          ])}
        </tbody>
      </table>

      <h2>Regeling</h2>
      {d.plan ? (
        <dl class="facts" data-testid="debt-plan">
          <dt>Soort</dt>
          <dd>{regimeNl(d.plan.regime)}</dd>
          <dt>Afgesproken op</dt>
          <dd>{dateNl(d.plan.agreed_on)}</dd>
          <dt>Eerste maand</dt>
          <dd>{monthName(d.plan.start)}</dd>
          <dt>Bedrag per maand</dt>
          <dd>
            {euro(d.plan.monthly)} (kan missen: {euro(d.plan.affordable)})
          </dd>
          <dt>Looptijd</dt>
          <dd>{d.plan.term_months} maanden</dd>
          <dt>Saldo bij de start</dt>
          <dd>{euro(d.plan.balance)}</dd>
          <dt>Achterstand</dt>
          <dd class={d.plan.arrears > 0 ? 'urgent' : undefined}>
            {d.plan.arrears > 0 ? `${euro(d.plan.arrears)} (${d.plan.months_behind} ${d.plan.months_behind === 1 ? 'maand' : 'maanden'})` : 'geen'}
          </dd>
        </dl>
      ) : (
        <p>Nog geen regeling: eerst moeten alle schulden gesaneerd zijn.</p>
      )}

      <div class="box" role="group" aria-labelledby="wh-title" data-testid="debt-withholding">
        <h3 id="wh-title">Inhouden op de uitkering</h3>
        <p>
          {d.benefit_case === null
            ? 'Het huishouden betaalt de termijnen zelf.'
            : `De betaalrun houdt de termijn in op uitkering ${d.benefit_case}.`}
        </p>
        <p class="hint">
          Met toestemming van het huishouden houdt de maandelijkse betaalrun de termijn (en een achterstand) in op de
          bijstand, nooit meer dan wat boven de beslagvrije voet ligt. Wat niet kan, blijft achterstand.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void withhold(Number(caseText.trim()));
          }}
        >
          <div class="field">
            <label for="wh-case">Zaaknummer van de uitkering</label>
            <input
              id="wh-case"
              inputMode="numeric"
              value={caseText}
              aria-invalid={caseError ? true : undefined}
              aria-describedby={caseError ? 'wh-error' : undefined}
              onInput={(e) => setCaseText((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="buttons">
            <button type="submit" aria-busy={busy || undefined}>
              Inhouden op deze uitkering
            </button>
            {d.benefit_case !== null && (
              <button type="button" aria-busy={busy || undefined} onClick={() => void withhold(null)}>
                Stoppen met inhouden
              </button>
            )}
          </div>
        </form>
        <div id="wh-error">
          <ErrorBox message={caseError} />
        </div>
        {withholdDone && (
          <div class="ok" role="status" data-testid="withholding-result">
            {withholdDone}
          </div>
        )}
      </div>

      <h2>Aflossingen ({d.repayments.length})</h2>
      {d.repayments.length === 0 ? (
        <p>Nog geen aflossingen.</p>
      ) : (
        <table class="data" data-testid="debt-repayments">
          <thead>
            <tr>
              <th scope="col">Maand</th>
              <th scope="col">Datum</th>
              <th scope="col">Hoe</th>
              <th scope="col" class="num">Bedrag</th>
            </tr>
          </thead>
          <tbody>
            {d.repayments.map((r, i) => (
              <tr key={i}>
                <td>{monthName(r.month)}</td>
                <td>{dateNl(r.date)}</td>
                <td>{repaymentSourceNl(r.source)}</td>
                <td class="num">{euro(r.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Kwijtschelding ({d.forgiveness.length})</h2>
      {d.forgiveness.length === 0 ? (
        <p>Nog niets kwijtgescholden.</p>
      ) : (
        <table class="data" data-testid="debt-forgiveness">
          <thead>
            <tr>
              <th scope="col">Mijlpaal</th>
              <th scope="col">Datum</th>
              <th scope="col">Bevestigd door</th>
              <th scope="col" class="num">Bedrag</th>
              <th scope="col" class="num">Teruggedraaid</th>
            </tr>
          </thead>
          <tbody>
            {d.forgiveness.map((g, i) => (
              <tr key={i}>
                <td>{milestoneNl(g.milestone)}</td>
                <td>{dateNl(g.date)}</td>
                <td>{g.confirmed_by || '–'}</td>
                <td class="num">{euro(g.amount)}</td>
                <td class="num">{g.clawed_back ? euro(g.clawed_back) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div class="box" role="group" aria-labelledby="ms-title">
        <h3 id="ms-title">Mijlpaal bevestigen</h3>
        <p class="hint">Een bevestigde mijlpaal scheldt een deel van het saldo kwijt volgens de regel van de gemeente.</p>
        <div class="buttons">
          {MILESTONE_KINDS.map((k) => (
            <button type="button" key={k} aria-busy={busy || undefined} onClick={() => confirm(k)}>
              Bevestig: {milestoneNl(k)}
            </button>
          ))}
        </div>
        <ErrorBox message={refused} />
        {done && (
          <div class="ok" role="status" data-testid="milestone-result">
            {done}
          </div>
        )}
      </div>
    </section>
  );
}

function Offers({ claim }: { claim: DebtClaim }) {
  return (
    <table class="data" data-testid={`offers-${claim.seq}`}>
      <caption>Aanbiedingen aan {claim.creditor}</caption>
      <thead>
        <tr>
          <th scope="col">Ronde</th>
          <th scope="col">Percentage</th>
          <th scope="col" class="num">Bedrag</th>
          <th scope="col">Verstuurd</th>
          <th scope="col">Antwoord uiterlijk</th>
          <th scope="col">Antwoord</th>
        </tr>
      </thead>
      <tbody>
        {claim.offers.map((o) => (
          <tr key={o.round}>
            <td>{o.round}</td>
            <td>{o.percentage.replace(' %', '%')}</td>
            <td class="num">{euro(o.amount)}</td>
            <td>{dateNl(o.sent)}</td>
            <td>{dateNl(o.answer_due)}</td>
            <td>
              {o.answer
                ? `${answerNl(o.answer.kind)} op ${dateNl(o.answer.date)}${o.answer.kind === 'tegenvoorstel' ? `: ${euro(o.answer.counter_amount)}` : ''}`
                : 'nog geen antwoord'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

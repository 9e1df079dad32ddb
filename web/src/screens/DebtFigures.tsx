// The debt fund's figures over a period (GET /api/v1/debt/figures), for the schuldhulpverlener and beleid.
import { useState } from 'preact/hooks';
import { useGet } from '../lib/useApi';
import { dateNl, euro } from '../lib/format';
import { ErrorBox, Field, PageTitle } from '../lib/ui';
import { daysNl, percentNl, type DebtFiguresDoc } from '../lib/debt';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function DebtFigures() {
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [query, setQuery] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const { data, error, loading } = useGet<DebtFiguresDoc>(`/debt/figures${query}`, 0, { screen: 'fondscijfers' });
  return (
    <section>
      <PageTitle>Schuldenfonds: cijfers</PageTitle>
      <form
        class="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if ((from && !DATE_RE.test(from)) || (until && !DATE_RE.test(until))) {
            setFormError('Vul datums in als JJJJ-MM-DD, of laat ze leeg voor de laatste 365 dagen.');
            return;
          }
          setFormError(null);
          const p = new URLSearchParams();
          if (from) p.set('from', from);
          if (until) p.set('until', until);
          setQuery(p.toString() ? `?${p}` : '');
        }}
      >
        <Field id="df-from" label="Vanaf (JJJJ-MM-DD)">
          <input id="df-from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="df-until" label="Tot (JJJJ-MM-DD, niet meegerekend)">
          <input id="df-until" value={until} onInput={(e) => setUntil((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit">Tonen</button>
      </form>
      <ErrorBox message={formError ?? error} />
      {loading && <p>Laden…</p>}
      {data && (
        <table class="data" data-testid="debt-figures">
          <caption>
            Van {dateNl(data.from)} tot {dateNl(data.until)}
          </caption>
          <tbody>
            <tr>
              <th scope="row">Gesaneerde dossiers</th>
              <td class="num">{data.restructured}</td>
            </tr>
            <tr>
              <th scope="row">Gemiddeld aantal dagen van aanmelding tot sanering</th>
              <td class="num">{daysNl(data.average_days)}</td>
            </tr>
            <tr>
              <th scope="row">Binnen vier weken gesaneerd</th>
              <td class="num">
                {data.within_clock} ({percentNl(data.within_clock, data.restructured)})
              </td>
            </tr>
            <tr>
              <th scope="row">Schuldeisers die op het eerste aanbod antwoordden</th>
              <td class="num">{data.first_offer_answered}</td>
            </tr>
            <tr>
              <th scope="row">… en het eerste aanbod aannamen</th>
              <td class="num">
                {data.first_offer_accepted} ({percentNl(data.first_offer_accepted, data.first_offer_answered)})
              </td>
            </tr>
            <tr>
              <th scope="row">Gesaneerde schulden samen</th>
              <td class="num">{euro(data.claims_settled_total)}</td>
            </tr>
            <tr>
              <th scope="row">Betaald aan schuldeisers</th>
              <td class="num">
                {euro(data.settled_amount)} ({percentNl(data.settled_amount, data.claims_settled_total)})
              </td>
            </tr>
            <tr>
              <th scope="row">Huishoudens schuldenvrij</th>
              <td class="num">{data.debt_free}</td>
            </tr>
            <tr>
              <th scope="row">Kwijtgescholden</th>
              <td class="num">{euro(data.forgiven)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}

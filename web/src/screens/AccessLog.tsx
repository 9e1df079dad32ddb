// The access log (auditor): who read which person's data, when, through which route and screen.
import { useState } from 'preact/hooks';
import { useGet } from '../lib/useApi';
import { isDate } from '../lib/validate';
import { ErrorBox, Field, PageTitle } from '../lib/ui';

interface Entry {
  at: string;
  user: string;
  role: string;
  case_id: number;
  route: string;
  screen: string;
}

export function AccessLog() {
  const [user, setUser] = useState('');
  const [caseId, setCaseId] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [query, setQuery] = useState('?limit=200');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { data, error } = useGet<{ entries: Entry[] }>(`/access-log${query}`);

  function submit(e: Event) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (caseId.trim() && !/^\d+$/.test(caseId.trim())) errs.caseId = 'Een dossiernummer bestaat uit cijfers.';
    if (from && !isDate(from)) errs.from = 'Geen geldige datum.';
    if (until && !isDate(until)) errs.until = 'Geen geldige datum.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const p = new URLSearchParams({ limit: '200' });
    if (user.trim()) p.set('user', user.trim());
    if (caseId.trim()) p.set('case', caseId.trim());
    if (from) p.set('from', from);
    if (until) p.set('until', until);
    setQuery(`?${p}`);
  }
  const input = (id: string, label: string, value: string, set: (v: string) => void, type = 'text') => (
    <Field id={`al-${id}`} label={label} error={errors[id]}>
      <input id={`al-${id}`} type={type} value={value} onInput={(e) => set((e.target as HTMLInputElement).value)} aria-invalid={errors[id] ? true : undefined} />
    </Field>
  );
  return (
    <section>
      <PageTitle>Inzagelog</PageTitle>
      <p>Elke keer dat iemand gegevens van een persoon bekijkt, staat hier: wie, wanneer, welk dossier en via welk scherm.</p>
      <form class="inline-form" onSubmit={submit} noValidate role="search">
        {input('user', 'Gebruiker', user, setUser)}
        {input('caseId', 'Dossiernummer', caseId, setCaseId)}
        {input('from', 'Vanaf datum', from, setFrom, 'date')}
        {input('until', 'Tot en met datum', until, setUntil, 'date')}
        <button type="submit" class="primary">
          Zoeken
        </button>
      </form>
      <ErrorBox message={error} />
      {data && data.entries.length === 0 && <p>Geen inzage gevonden.</p>}
      {data && data.entries.length > 0 && (
        <table class="data" data-testid="access-log">
          <caption>De laatste {data.entries.length} inzagen</caption>
          <thead>
            <tr>
              <th scope="col">Wanneer</th>
              <th scope="col">Gebruiker</th>
              <th scope="col">Rol</th>
              <th scope="col">Dossier</th>
              <th scope="col">Route</th>
              <th scope="col">Scherm</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((x, i) => (
              <tr key={i}>
                <td>{x.at.replace('T', ' ').replace(/\.\d+/, '')}</td>
                <td>{x.user}</td>
                <td>{x.role}</td>
                <td>{x.case_id}</td>
                <td>{x.route}</td>
                <td>{x.screen || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

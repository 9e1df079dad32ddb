// Search a case by name fragment, BSN or case number (GET /api/v1/cases?q=).
import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { Link } from '../lib/router';
import { normalBsn } from '../lib/validate';
import { ErrorBox, Field, PageTitle } from '../lib/ui';

interface Hit {
  id: number;
  case_number: string;
  name: string;
  bsn: string | null; // masked: "*****6789"
  status: string;
  members: number;
}

export function Search() {
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  const [q, setQ] = useState(initial);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    if (!q.trim()) {
      setError('Vul een naam, een deel van een naam, een BSN of een dossiernummer in.');
      return;
    }
    setError(null);
    try {
      const r = await api<{ cases: Hit[] }>('GET', `/cases?q=${encodeURIComponent(q.trim())}`, undefined, { screen: 'zoeken' });
      setHits(r.cases);
      // A name or case number stays in the address (back, reload); a BSN never goes into history.
      const text = q.trim();
      history.replaceState(null, '', normalBsn(text) ? '/zoeken' : `/zoeken?q=${encodeURIComponent(text)}`);
    } catch (err) {
      setHits(null);
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <section>
      <PageTitle>Dossier zoeken</PageTitle>
      <form onSubmit={submit} role="search" class="inline-form">
        <Field id="q" label="Naam, BSN of dossiernummer" hint="Een BSN van aanvrager of partner: alle 9 cijfers.">
          <input id="q" type="search" aria-describedby="q-hint" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit" class="primary">
          Zoeken
        </button>
      </form>
      <ErrorBox message={error} />
      {hits && (
        <div aria-live="polite">
          <p>{hits.length === 0 ? 'Niets gevonden.' : `${hits.length} dossier(s) gevonden.`}</p>
          {hits.length > 0 && (
            <table class="data" data-testid="search-results">
              <thead>
                <tr>
                  <th scope="col">Dossier</th>
                  <th scope="col">Naam</th>
                  <th scope="col">BSN</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Gezinsleden</th>
                </tr>
              </thead>
              <tbody>
                {hits.map((h) => (
                  <tr key={h.id}>
                    <td>
                      <Link href={`/dossiers/${h.id}`}>{h.case_number}</Link>
                    </td>
                    <td>{h.name}</td>
                    <td>{h.bsn ?? '–'}</td>
                    <td>{h.status}</td>
                    <td class="num">{h.members}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

// Accounts (beheerder): list, create with a one-time password, disable, reset the password.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { useGet } from '../lib/useApi';
import { ErrorBox, Field, PageTitle, describedBy } from '../lib/ui';
import { validateUserName } from '../lib/validate';

interface User {
  name: string;
  role: string;
  role_name: string;
  disabled: boolean;
  must_change_password: boolean;
}

export const ROLES: [string, string][] = [
  ['klantmanager_inkomen', 'klantmanager inkomen'],
  ['klantmanager_werk', 'klantmanager werk'],
  ['schuldhulpverlener', 'schuldhulpverlener'],
  ['handhaving', 'handhaving'],
  ['financiele_administratie', 'financiële administratie'],
  ['beleid', 'beleid'],
  ['beheerder', 'beheerder'],
  ['auditor', 'auditor'],
];

export function Users() {
  const [reload, setReload] = useState(0);
  const { data, error } = useGet<{ users: User[] }>('/users', reload);
  const [name, setName] = useState('');
  const [role, setRole] = useState('klantmanager_inkomen');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ user: string; one_time_password: string } | null>(null);

  async function create(e: Event) {
    e.preventDefault();
    setFailure(null);
    setSecret(null);
    const problem = validateUserName(name.trim());
    if (problem) {
      setFieldError(problem);
      return;
    }
    setFieldError(undefined);
    try {
      setSecret(await api<{ user: string; one_time_password: string }>('POST', '/users', { name: name.trim(), role }));
      setName('');
      setReload(reload + 1);
    } catch (err) {
      if (err instanceof ApiError && err.field === 'name') setFieldError(err.fieldText);
      else setFailure(err instanceof ApiError ? err.message : String(err));
    }
  }
  async function act(user: string, what: 'disable' | 'reset-password') {
    setFailure(null);
    setSecret(null);
    try {
      const r = await api<{ user: string; one_time_password?: string }>('POST', `/users/${encodeURIComponent(user)}/${what}`);
      if (r.one_time_password) setSecret({ user: r.user, one_time_password: r.one_time_password });
      setReload(reload + 1);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <section>
      <PageTitle>Gebruikers</PageTitle>
      <form onSubmit={create} noValidate class="inline-form" aria-label="Nieuwe gebruiker">
        <Field id="new-user" label="Gebruikersnaam" error={fieldError}>
          <input
            id="new-user"
            value={name}
            autocomplete="off"
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy('new-user', fieldError)}
          />
        </Field>
        <Field id="new-role" label="Rol">
          <select id="new-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
            {ROLES.map(([id, nl]) => (
              <option value={id}>{nl}</option>
            ))}
          </select>
        </Field>
        <button type="submit" class="primary">
          Gebruiker aanmaken
        </button>
      </form>
      <ErrorBox message={failure ?? error} />
      {secret && (
        <div class="notice" role="status" data-testid="one-time-password">
          Eenmalig wachtwoord voor <strong>{secret.user}</strong>: <code>{secret.one_time_password}</code>. Het wordt niet opnieuw
          getoond; de gebruiker kiest bij de eerste aanmelding een eigen wachtwoord.
        </div>
      )}
      {data && (
        <table class="data" data-testid="users">
          <thead>
            <tr>
              <th scope="col">Gebruiker</th>
              <th scope="col">Rol</th>
              <th scope="col">Status</th>
              <th scope="col">Acties</th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => (
              <tr key={u.name}>
                <th scope="row">{u.name}</th>
                <td>{u.role_name}</td>
                <td>{u.disabled ? 'geblokkeerd' : u.must_change_password ? 'eenmalig wachtwoord' : 'actief'}</td>
                <td>
                  <button type="button" onClick={() => act(u.name, 'reset-password')}>
                    Nieuw wachtwoord<span class="sr-only"> voor {u.name}</span>
                  </button>
                  {!u.disabled && (
                    <button type="button" onClick={() => act(u.name, 'disable')}>
                      Blokkeren<span class="sr-only"> {u.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

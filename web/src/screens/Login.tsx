// Log in; a one-time password must be changed before anything else (docs/accounts.md).
import { useState } from 'preact/hooks';
import { api, ApiError, type Session } from '../lib/api';
import { navigate } from '../lib/router';
import { homeFor } from '../lib/menu';
import { validateNewPassword } from '../lib/validate';
import { ErrorBox, Field, PageTitle } from '../lib/ui';

interface Props {
  session: Session | null;
  onSignedIn: (s: Session) => void;
}

function goOn(s: Session) {
  const back = new URLSearchParams(location.search).get('terug');
  navigate(back && back.startsWith('/') && !back.startsWith('//') && back !== '/inloggen' ? back : homeFor(s.role));
}

export function Login({ session, onSignedIn }: Props) {
  if (session && session.must_change_password) return <ChangePassword onSignedIn={onSignedIn} />;
  if (session) {
    return (
      <section>
        <PageTitle>Ingelogd</PageTitle>
        <p>
          U bent ingelogd als {session.user}.{' '}
          <button type="button" onClick={() => goOn(session)}>
            Verder
          </button>
        </p>
      </section>
    );
  }
  return <LoginForm onSignedIn={onSignedIn} />;
}

function LoginForm({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (!name.trim() || !password) {
      setError('Vul uw gebruikersnaam en wachtwoord in.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api<Session>('POST', '/session', { name: name.trim(), password }, { quiet401: true });
      onSignedIn(s);
      if (!s.must_change_password) goOn(s);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="narrow">
      <PageTitle>Inloggen</PageTitle>
      <form onSubmit={submit} noValidate>
        <Field id="login-name" label="Gebruikersnaam">
          <input id="login-name" autocomplete="username" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="login-password" label="Wachtwoord">
          <input
            id="login-password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </Field>
        <ErrorBox message={error} />
        <button type="submit" class="primary" disabled={busy}>
          Inloggen
        </button>
      </form>
    </section>
  );
}

function ChangePassword({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [old, setOld] = useState('');
  const [pw, setPw] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    const problem = validateNewPassword(pw, repeat, old);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api<Session>('PUT', '/session/password', { old_password: old, new_password: pw });
      onSignedIn(s);
      goOn(s);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  const field = (id: string, label: string, value: string, set: (v: string) => void, ac: string) => (
    <Field id={id} label={label}>
      <input id={id} type="password" autocomplete={ac} value={value} onInput={(e) => set((e.target as HTMLInputElement).value)} />
    </Field>
  );
  return (
    <section class="narrow">
      <PageTitle>Kies een nieuw wachtwoord</PageTitle>
      <p>U bent ingelogd met een eenmalig wachtwoord. Kies eerst een eigen wachtwoord van minstens 12 tekens.</p>
      <form onSubmit={submit} noValidate>
        {field('old-password', 'Huidig (eenmalig) wachtwoord', old, setOld, 'current-password')}
        {field('new-password', 'Nieuw wachtwoord', pw, setPw, 'new-password')}
        {field('repeat-password', 'Herhaal het nieuwe wachtwoord', repeat, setRepeat, 'new-password')}
        <ErrorBox message={error} />
        <button type="submit" class="primary" disabled={busy}>
          Wachtwoord opslaan
        </button>
      </form>
    </section>
  );
}

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken, setUnauthenticatedHandler, type Session } from './lib/api';
import { Link, navigate, useLocation } from './lib/router';
import { Calculator } from './screens/Calculator';
import { Login } from './screens/Login';
import { Start } from './screens/Start';
import { Search } from './screens/Search';
import { CaseFile } from './screens/CaseFile';
import { Intake, DecideApplication } from './screens/Intake';
import { Runs } from './screens/Runs';
import { Caseload } from './screens/Caseload';
import { Users } from './screens/Users';
import { AccessLog } from './screens/AccessLog';
import { DebtList } from './screens/DebtList';
import { DebtDossier } from './screens/DebtDossier';
import { DebtOverview } from './screens/DebtOverview';
import { DebtFigures } from './screens/DebtFigures';
import { homeFor, menuFor } from './lib/menu';
import './style.css';

function App() {
  const path = useLocation();
  const [session, setSession] = useState<Session | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setSession(null);
      setCsrfToken('');
      if (!location.pathname.startsWith('/inloggen') && !isPublic(location.pathname))
        navigate('/inloggen?terug=' + encodeURIComponent(location.pathname));
    });
    api<Session>('GET', '/session', undefined, { quiet401: true })
      .then((s) => {
        setCsrfToken(s.csrf_token);
        setSession(s);
      })
      .catch(() => setSession(null))
      .finally(() => setChecked(true));
  }, []);

  const signedIn = (s: Session) => {
    setCsrfToken(s.csrf_token);
    setSession(s);
  };

  async function logout() {
    try {
      await api('DELETE', '/session');
    } catch {
      /* the session may have ended already */
    }
    setCsrfToken('');
    setSession(null);
    navigate('/inloggen');
  }

  const pathname = path.split('?')[0];
  let page;
  if (isPublic(pathname)) page = <Calculator />;
  else if (!checked) page = <p>Laden…</p>;
  else if (!session || session.must_change_password || pathname === '/inloggen')
    page = <Login session={session} onSignedIn={signedIn} />;
  else page = route(pathname, session);

  const menu = session && !session.must_change_password ? menuFor(session.role) : [];
  return (
    <>
      <a class="skip" href="#main">
        Naar de inhoud
      </a>
      <header class="top">
        <div class="brand">
          <Link href={session ? homeFor(session.role) : '/'}>nabij</Link>
        </div>
        <nav aria-label="Hoofdmenu">
          <ul>
            {menu.map((m) => (
              <li>
                <Link href={m.href} class={pathname.startsWith(m.href) ? 'current' : undefined}>
                  {m.label}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/rekenhulp" class={isPublic(pathname) ? 'current' : undefined}>
                Rekenhulp
              </Link>
            </li>
          </ul>
        </nav>
        <div class="who">
          {session ? (
            <>
              <span>
                {session.user} ({session.role_name})
              </span>{' '}
              <button type="button" onClick={logout}>
                Uitloggen
              </button>
            </>
          ) : (
            <Link href="/inloggen">Inloggen voor medewerkers</Link>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

function isPublic(pathname: string): boolean {
  return pathname === '/' || pathname === '/rekenhulp' || pathname === '/index.html';
}

function route(pathname: string, session: Session) {
  let m: RegExpExecArray | null;
  if (pathname === '/start') return <Start role={session.role} />;
  if (pathname === '/zoeken') return <Search />;
  if ((m = /^\/dossiers\/(\d+)$/.exec(pathname))) return <CaseFile id={Number(m[1])} role={session.role} />;
  if (pathname === '/aanvraag') return <Intake />;
  if ((m = /^\/aanvragen\/(\d+)$/.exec(pathname))) return <DecideApplication id={Number(m[1])} />;
  if (pathname === '/betaalrun') return <Runs role={session.role} user={session.user} />;
  if (pathname === '/caseload') return <Caseload />;
  if (pathname === '/gebruikers') return <Users />;
  if (pathname === '/inzagelog') return <AccessLog />;
  if (pathname === '/schulden') return <DebtList />;
  if ((m = /^\/schulden\/(\d+)$/.exec(pathname))) return <DebtDossier id={Number(m[1])} />;
  if ((m = /^\/schulden\/(\d+)\/overzicht$/.exec(pathname))) return <DebtOverview id={Number(m[1])} />;
  if (pathname === '/fondscijfers') return <DebtFigures />;
  return (
    <section>
      <h1>Pagina niet gevonden</h1>
      <p>
        <Link href="/start">Naar de startpagina</Link>
      </p>
    </section>
  );
}

render(<App />, document.getElementById('app')!);

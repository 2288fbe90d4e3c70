import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hubFor, need } from './api';
import { useLoad } from './components';
import { CustomerPage } from './pages/customer';
import { Customers } from './pages/customers';
import { PartnersPage } from './pages/partners';
import { RulesPage } from './pages/rules';
import { ChooseScheme } from './pages/schemes';
import { SignIn } from './pages/sign-in';
import { WebhooksPage } from './pages/webhooks';
import { loadSession, saveSession, type Session } from './session';

/** Where workflow links go (GET /v1/console/settings). */
export type UiLinks = { temporalUiUrl: string | null; namespace: string } | null;

/** The page named by the hash (#/customers/…): links and the back button work without the server knowing the routes. */
function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

const nav = [
  ['customers', 'Customers'],
  ['rules', 'Rules & programmes'],
  ['partners', 'Partners'],
  ['webhooks', 'Webhooks'],
] as const;

function Console({ session, signOut, changeScheme }: { session: Session; signOut: () => void; changeScheme: () => void }) {
  const route = useRoute();
  const settings = useLoad(() => need(hubFor(session).GET('/v1/console/settings')), []);
  const ui = settings.data ?? null;
  const [page = 'customers', id] = route;
  return (
    <>
      <header>
        <strong>loyalty-hub</strong>
        <nav>
          {nav.map(([to, label]) => (
            <a href={`#/${to}`} class={page === to ? 'active' : ''}>
              {label}
            </a>
          ))}
        </nav>
        <span class="scheme">
          {session.scheme?.name}{' '}
          <button type="button" class="link" onClick={changeScheme}>
            change
          </button>{' '}
          <button type="button" class="link" onClick={signOut}>
            sign out
          </button>
        </span>
      </header>
      {page === 'customers' && id && <CustomerPage session={session} id={id} ui={ui} />}
      {page === 'customers' && !id && <Customers session={session} />}
      {page === 'rules' && <RulesPage session={session} />}
      {page === 'partners' && <PartnersPage session={session} ui={ui} />}
      {page === 'webhooks' && <WebhooksPage session={session} ui={ui} />}
    </>
  );
}

function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const update = (next: Session | null) => {
    saveSession(next);
    setSession(next);
  };
  if (!session) return <SignIn onSignedIn={update} />;
  if (!session.scheme) return <ChooseScheme session={session} onChosen={(scheme) => update({ ...session, scheme })} />;
  return <Console session={session} signOut={() => update(null)} changeScheme={() => update({ ...session, scheme: null })} />;
}

render(<App />, document.getElementById('app') as HTMLElement);

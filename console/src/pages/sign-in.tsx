import { useState } from 'preact/hooks';
import { createHubClient } from '../../../clients/typescript';
import { need } from '../api';
import { ErrorBox } from '../components';
import type { Session } from '../session';

/** Sign in with the hub's admin token; the schemes it can see are the proof that it is right. */
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const hub = createHubClient({ baseUrl: location.origin, adminToken: token.trim() });
      await need(hub.GET('/v1/schemes', { params: { query: { limit: 1 } } }));
      onSignedIn({ token: token.trim(), scheme: null });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="narrow">
      <h1>loyalty-hub console</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <label>
          Admin token
          <input type="password" name="token" autoComplete="off" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} required />
        </label>
        <button type="submit" disabled={busy || token.trim() === ''}>
          Sign in
        </button>
      </form>
      <ErrorBox error={error} />
      <p class="muted">The token is the hub's ADMIN_TOKEN (npm start prints one to the terminal or to DATA_DIR/start-banner.txt). It stays in this tab only.</p>
    </main>
  );
}

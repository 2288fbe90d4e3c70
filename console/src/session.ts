/**
 * The operator's sign-in: the admin token and the scheme being looked at. Kept
 * in sessionStorage (this tab only, gone when it closes), never in a cookie the
 * browser would send on its own; the page's CSP allows only this origin's
 * scripts, so no other script can read it.
 */
export interface Session {
  token: string;
  scheme: { id: string; name: string } | null;
}

const KEY = 'loyalty-hub.console';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

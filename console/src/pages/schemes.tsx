import { useEffect, useRef, useState } from 'preact/hooks';
import { hubFor, need } from '../api';
import { ErrorBox, Loading } from '../components';
import type { Session } from '../session';

type Scheme = { id: string; name: string; currency: string };

/** Which scheme (tenant) to look at: every page after this acts for it. Narrowed by name, paged by "More schemes". */
export function ChooseScheme({ session, onChosen }: { session: Session; onChosen: (scheme: { id: string; name: string }) => void }) {
  const [name, setName] = useState('');
  const [shown, setShown] = useState<{ name: string; schemes: Scheme[]; cursor: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const typed = useRef('');

  const load = async (filter: string, cursor?: string) => {
    const hub = hubFor({ ...session, scheme: null });
    const page = await need(hub.GET('/v1/schemes', { params: { query: { limit: 50, ...(filter ? { name: filter } : {}), ...(cursor ? { cursor } : {}) } } }));
    // A later filter wins: an answer for a filter no longer typed is dropped.
    if (filter !== typed.current) return;
    setShown((prev) => (cursor && prev?.name === filter ? { name: filter, schemes: [...prev.schemes, ...page.data], cursor: page.nextCursor } : { name: filter, schemes: page.data, cursor: page.nextCursor }));
    setError(null);
  };

  useEffect(() => {
    typed.current = name.trim();
    const timer = setTimeout(() => load(name.trim()).catch(setError), 200);
    return () => clearTimeout(timer);
    // Re-read when the filter changes; `load` closes over nothing else that changes.
  }, [name]);

  const current = shown && shown.name === name.trim() ? shown : null;
  return (
    <main class="narrow">
      <h1>Choose a scheme</h1>
      <label>
        Scheme name
        <input name="scheme" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} placeholder="Type part of a name" />
      </label>
      <ErrorBox error={error} />
      {!current && !error && <Loading />}
      {current && current.schemes.length === 0 && <p class="muted">No scheme{name ? ` named like “${name}”` : ''}.</p>}
      {current && (
        <ul class="choices">
          {current.schemes.map((s) => (
            <li>
              <button type="button" onClick={() => onChosen({ id: s.id, name: s.name })}>
                {s.name} <span class="muted">{s.currency}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {current?.cursor && (
        <button type="button" class="secondary" onClick={() => load(current.name, current.cursor ?? undefined).catch(setError)}>
          More schemes
        </button>
      )}
    </main>
  );
}

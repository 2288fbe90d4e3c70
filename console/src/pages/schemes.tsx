import { useState } from 'preact/hooks';
import { hubFor, need } from '../api';
import { ErrorBox, Loading, useLoad } from '../components';
import type { Session } from '../session';

/** Which scheme (tenant) to look at: every page after this acts for it. */
export function ChooseScheme({ session, onChosen }: { session: Session; onChosen: (scheme: { id: string; name: string }) => void }) {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const page = useLoad(() => need(hubFor({ ...session, scheme: null }).GET('/v1/schemes', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })), [cursor]);
  return (
    <main class="narrow">
      <h1>Choose a scheme</h1>
      <ErrorBox error={page.error} />
      {!page.data && !page.error && <Loading />}
      {page.data && (
        <ul class="choices">
          {page.data.data.map((s) => (
            <li>
              <button type="button" onClick={() => onChosen({ id: s.id, name: s.name })}>
                {s.name} <span class="muted">{s.currency}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {page.data?.nextCursor && (
        <button type="button" class="secondary" onClick={() => setCursor(page.data?.nextCursor ?? undefined)}>
          More schemes
        </button>
      )}
    </main>
  );
}

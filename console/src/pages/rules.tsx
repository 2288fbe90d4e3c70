import { useState } from 'preact/hooks';
import { hubFor, need } from '../api';
import { ErrorBox, Loading, Section, useLoad } from '../components';
import { editable, JsonEditor } from '../json-editor';
import type { Session } from '../session';

type Kind = 'tier' | 'mission' | 'referral';

/** The scheme's point rules and its programmes (tiers, missions, referral programmes), each editable under the API's validation. */
export function RulesPage({ session }: { session: Session }) {
  const hub = hubFor(session);
  const schemeId = session.scheme?.id ?? '';
  const rules = useLoad(() => need(hub.GET('/v1/schemes/{id}/rules', { params: { path: { id: schemeId } } })), [schemeId]);
  const tiers = useLoad(() => need(hub.GET('/v1/tiers', { params: { query: { limit: 200 } } })), [schemeId]);
  const missions = useLoad(() => need(hub.GET('/v1/missions', { params: { query: { limit: 200 } } })), [schemeId]);
  const programs = useLoad(() => need(hub.GET('/v1/referral-programs', { params: { query: { limit: 200 } } })), [schemeId]);
  const [editing, setEditing] = useState<{ kind: Kind; id: string; view: Record<string, unknown> } | null>(null);

  const save = (kind: Kind, id: string, body: unknown) => {
    const done = (r: Promise<unknown>) => r.then((v) => ((kind === 'tier' ? tiers : kind === 'mission' ? missions : programs).reload(), editable(v as Record<string, unknown>)));
    if (kind === 'tier') return done(need(hub.PUT('/v1/tiers/{tierId}', { params: { path: { tierId: id } }, body: body as never })));
    if (kind === 'mission') return done(need(hub.PUT('/v1/missions/{id}', { params: { path: { id } }, body: body as never })));
    return done(need(hub.PUT('/v1/referral-programs/{id}', { params: { path: { id } }, body: body as never })));
  };

  const list = (kind: Kind, title: string, rows: Array<{ id: string; name: string; active: boolean }> | undefined, error: unknown) => (
    <Section title={title} id={`${kind}s`}>
      <ErrorBox error={error} />
      {!rows && !error && <Loading />}
      {rows && rows.length === 0 && <p class="muted">None yet.</p>}
      {rows && rows.length > 0 && (
        <table>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.name}</td>
                <td>{r.active ? 'active' : 'inactive'}</td>
                <td>
                  <button type="button" class="secondary" onClick={() => setEditing({ kind, id: r.id, view: editable(r as unknown as Record<string, unknown>) })}>
                    Edit {r.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing?.kind === kind && <JsonEditor key={editing.id} label={`Edit ${kind}`} value={editing.view} save={(body) => save(kind, editing.id, body)} />}
    </Section>
  );

  return (
    <main>
      <h1>Rules and programmes</h1>
      <Section title="Point rules" id="rules">
        <ErrorBox error={rules.error} />
        {!rules.data && !rules.error && <Loading />}
        {rules.data && <JsonEditor label="Point rules" value={rules.data} save={(body) => need(hub.PUT('/v1/schemes/{id}/rules', { params: { path: { id: schemeId } }, body: body as never }))} />}
      </Section>
      {list('tier', 'Tiers', tiers.data?.data, tiers.error)}
      {list('mission', 'Missions', missions.data?.data, missions.error)}
      {list('referral', 'Referral programmes', programs.data?.data, programs.error)}
    </main>
  );
}

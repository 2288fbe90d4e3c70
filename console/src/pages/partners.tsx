import { useState } from 'preact/hooks';
import { hubFor, need } from '../api';
import { Empty, ErrorBox, Loading, Section, useLoad, WorkflowLink } from '../components';
import { when, workflowUrl } from '../format';
import type { UiLinks } from '../main';
import type { Session } from '../session';

/** Partner connections, and the syncs that failed with a button to run them again. */
export function PartnersPage({ session, ui }: { session: Session; ui: UiLinks }) {
  const hub = hubFor(session);
  const connections = useLoad(() => need(hub.GET('/v1/connections', { params: { query: { limit: 200 } } })), []);
  const failed = useLoad(() => need(hub.GET('/v1/sync', { params: { query: { status: 'FAILED', limit: 100 } } })), []);
  const [error, setError] = useState<unknown>(null);
  const [retried, setRetried] = useState<string[]>([]);
  const nameOf = (id: string) => connections.data?.data.find((c) => c.id === id)?.name ?? id;

  async function retry(id: string) {
    setError(null);
    try {
      await need(hub.POST('/v1/sync/{id}/retry', { params: { path: { id } } }));
      setRetried([...retried, id]);
      failed.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <main>
      <h1>Partners</h1>
      <Section title="Connections" id="connections">
        <ErrorBox error={connections.error} />
        {!connections.data && !connections.error && <Loading />}
        {connections.data && connections.data.data.length === 0 && <Empty>No partner connections.</Empty>}
        {connections.data && connections.data.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Partner</th>
                <th>Base URL</th>
                <th>Forwards</th>
                <th>Enabled</th>
              </tr>
            </thead>
            <tbody>
              {connections.data.data.map((c) => (
                <tr>
                  <td>{c.name}</td>
                  <td>{c.partner}</td>
                  <td>
                    <code>{c.baseUrl}</code>
                  </td>
                  <td>{c.events.join(', ') || '—'}</td>
                  <td>{c.enabled ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Failed syncs" id="failed-syncs">
        <ErrorBox error={failed.error ?? error} />
        {retried.length > 0 && (
          <p class="ok" role="status">
            Queued again: {retried.length}
          </p>
        )}
        {!failed.data && !failed.error && <Loading />}
        {failed.data && failed.data.data.length === 0 && <Empty>No failed syncs.</Empty>}
        {failed.data && failed.data.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>Since</th>
                <th>Connection</th>
                <th>Kind</th>
                <th>Customer</th>
                <th>Attempts</th>
                <th>Last error</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {failed.data.data.map((s) => (
                <tr data-sync={s.id}>
                  <td>{when(s.updatedAt)}</td>
                  <td>{nameOf(s.connectionId)}</td>
                  <td>
                    <WorkflowLink href={workflowUrl(ui, s.workflowId)}>{s.kind}</WorkflowLink>
                  </td>
                  <td>
                    <a href={`#/customers/${s.customerId}`}>customer</a>
                  </td>
                  <td class="num">{s.attempts}</td>
                  <td class="wrap">{s.lastError ?? ''}</td>
                  <td>
                    <button type="button" onClick={() => void retry(s.id)}>
                      Retry
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </main>
  );
}

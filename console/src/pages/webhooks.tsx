import { useState } from 'preact/hooks';
import { hubFor, need } from '../api';
import { Empty, ErrorBox, Loading, useLoad, WorkflowLink } from '../components';
import { when, workflowUrl } from '../format';
import type { UiLinks } from '../main';
import type { Session } from '../session';

const statuses = ['RECEIVED', 'APPLIED', 'IGNORED', 'FAILED'] as const;
type Status = (typeof statuses)[number];

/** Inbound partner webhook events, newest first, with what the hub made of each. */
export function WebhooksPage({ session, ui }: { session: Session; ui: UiLinks }) {
  const [status, setStatus] = useState<Status | ''>('');
  const events = useLoad(() => need(hubFor(session).GET('/v1/webhooks/events', { params: { query: { limit: 100, ...(status ? { status } : {}) } } })), [status]);
  return (
    <main>
      <h1>Webhook events</h1>
      <form class="row" aria-label="Filter events" onSubmit={(e) => e.preventDefault()}>
        <select name="status" aria-label="Status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as Status | '')}>
          <option value="">Every status</option>
          {statuses.map((s) => (
            <option value={s}>{s}</option>
          ))}
        </select>
      </form>
      <ErrorBox error={events.error} />
      {!events.data && !events.error && <Loading />}
      {events.data && events.data.data.length === 0 && <Empty>No webhook events.</Empty>}
      {events.data && events.data.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Received</th>
              <th>Type</th>
              <th>Event id</th>
              <th>Status</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {events.data.data.map((e) => (
              <tr>
                <td>{when(e.receivedAt)}</td>
                <td>
                  <WorkflowLink href={workflowUrl(ui, e.workflowId)}>{e.type}</WorkflowLink>
                </td>
                <td>
                  <code>{e.eventId}</code>
                </td>
                <td>
                  <span class={`badge ${e.status.toLowerCase()}`}>{e.status}</span>
                </td>
                <td class="wrap">{e.outcome ? JSON.stringify(e.outcome) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

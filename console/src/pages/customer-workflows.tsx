import type { components } from '../../../clients/typescript';
import { Empty, ErrorBox, Loading, Section, WorkflowLink } from '../components';
import { when, workflowUrl } from '../format';
import type { UiLinks } from '../main';

/** A workflow as the API lists it (GET /v1/customers/{id}/workflows). */
export type WorkflowRow = components['schemas']['CustomerWorkflow'];

/** Every workflow of the customer (sales, holds, referrals, tier holds…), each a link into the Temporal Web UI. */
export function CustomerWorkflows({ ui, rows, error }: { ui: UiLinks; rows: WorkflowRow[] | null; error: unknown }) {
  return (
    <Section title="Workflows" id="workflows">
      <ErrorBox error={error} />
      {!rows && !error && <Loading />}
      {rows && rows.length === 0 && <Empty>No workflows yet (Temporal's list trails new ones by a moment).</Empty>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Started</th>
              <th>Type</th>
              <th>Unique id</th>
              <th>Status</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr>
                <td>{when(w.startedAt)}</td>
                <td>
                  <WorkflowLink href={workflowUrl(ui, w.workflowId, w.runId)}>{w.type}</WorkflowLink>
                </td>
                <td>
                  <code>{w.uniqueId ?? '—'}</code>
                </td>
                <td>
                  <span class={`badge ${w.status.toLowerCase()}`}>{w.status}</span>
                </td>
                <td>{w.outcome ? w.outcome.join(': ') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

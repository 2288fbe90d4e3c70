import { hubFor, need } from '../api';
import { Empty, ErrorBox, Loading, Section, useLoad, WorkflowLink } from '../components';
import { points, when, workflowUrl } from '../format';
import type { UiLinks } from '../main';
import type { Session } from '../session';
import type { WorkflowRow } from './customer-workflows';

/** The customer's sales, each linked to the workflow that posted it. */
export function CustomerSales({ session, customerId, ui, workflows }: { session: Session; customerId: string; ui: UiLinks; workflows: WorkflowRow[] }) {
  const sales = useLoad(() => need(hubFor(session).GET('/v1/customers/{id}/transactions', { params: { path: { id: customerId }, query: { limit: 50 } } })), [customerId]);
  const runOf = (uniqueId: string) => workflows.find((w) => w.type === 'recordSale' && w.uniqueId === uniqueId);
  return (
    <Section title="Sales" id="sales">
      <ErrorBox error={sales.error} />
      {!sales.data && !sales.error && <Loading />}
      {sales.data && sales.data.data.length === 0 && <Empty>No sales yet.</Empty>}
      {sales.data && sales.data.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Sale</th>
              <th class="num">Earned</th>
              <th class="num">Redeemed</th>
              <th class="num">Pending</th>
              <th>Workflow</th>
            </tr>
          </thead>
          <tbody>
            {sales.data.data.map((s) => {
              const run = runOf(s.uniqueId);
              return (
                <tr>
                  <td>{when(s.createdAt)}</td>
                  <td>
                    <code>{s.uniqueId}</code>
                  </td>
                  <td class="num pos">{points(s.pointsEarned)}</td>
                  <td class="num neg">{points(s.pointsRedeemed)}</td>
                  <td class="num">{points(s.pendingPoints)}</td>
                  <td>{run ? <WorkflowLink href={workflowUrl(ui, run.workflowId, run.runId)}>{run.status}</WorkflowLink> : <span class="muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}

import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReconciliationActivities } from '../activities/reconciliation';
import { activityProfiles, partnerCallProfile } from './activity-profiles';
import type { ReconcileConnectionWorkflow } from './contracts/partners';

const { beginReconciliation, finishReconciliation } = proxyActivities<ReconciliationActivities>(activityProfiles.database);
// A page talks to the partner for up to 50 customers: an hour of retries before the run fails.
const { reconcilePage } = proxyActivities<ReconciliationActivities>(partnerCallProfile(3600));

/** Started on demand (POST …/reconcile) or by the connection's Temporal Schedule; the report is the run's rows. */
export const reconcileConnection: ReconcileConnectionWorkflow = async ({ schemeId, connectionId, autoCorrect }) => {
  const run = await beginReconciliation({ schemeId, connectionId, workflowId: workflowInfo().workflowId, autoCorrect });
  let cursor: string | null = null;
  try {
    do {
      ({ next: cursor } = await reconcilePage({ runId: run.id, connectionId, cursor, autoCorrect }));
    } while (cursor);
  } catch (err) {
    await finishReconciliation({ runId: run.id, status: 'FAILED' });
    throw err;
  }
  return finishReconciliation({ runId: run.id, status: 'COMPLETED' });
};

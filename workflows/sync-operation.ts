import { ActivityFailure, ApplicationFailure, proxyActivities, TimeoutFailure } from '@temporalio/workflow';
import type { PartnerSyncActivities } from '../activities/partner-sync';
import { activityProfiles, partnerCallProfile } from './activity-profiles';
import type { SyncOperationWorkflow } from './contracts/partners';

const { markSyncFailed } = proxyActivities<PartnerSyncActivities>(activityProfiles.database);

/**
 * One hub operation forwarded to one connection: retried with backoff up to
 * the connection's horizon, then FAILED; a partner's 4xx fails at once.
 */
export const syncOperation: SyncOperationWorkflow = async (task) => {
  const { performSync } = proxyActivities<PartnerSyncActivities>(partnerCallProfile(task.retryHorizonSeconds));
  try {
    return await performSync(task);
  } catch (err) {
    // Retries stop at the horizon either on a timeout or with the last attempt's failure and retry state TIMEOUT.
    const gaveUp = err instanceof ActivityFailure && (err.retryState === 'TIMEOUT' || err.cause instanceof TimeoutFailure);
    const rejected = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable;
    const reason = gaveUp ? `gave up after the retry horizon (${task.retryHorizonSeconds} s)` : rejected ? 'rejected by the partner' : 'failed';
    await markSyncFailed({ recordId: task.recordId, reason });
    return 'FAILED';
  }
};

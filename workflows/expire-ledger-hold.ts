import { proxyActivities, sleep } from '@temporalio/workflow';
import type { LedgerActivities } from '../activities/ledger';
import { activityProfiles } from './activity-profiles';
import type { ExpireLedgerHoldWorkflow } from './contracts/ledger';

// A database outage at the hold's timeout must not leave it held: the expiry keeps trying for a day.
const { expireLedgerHold: expire } = proxyActivities<LedgerActivities>({
  ...activityProfiles.database,
  scheduleToCloseTimeout: '24h',
  retry: { ...activityProfiles.database.retry, maximumInterval: '1m' },
});

/**
 * A hold made through the ledger API (`captureMethod: manual`) with a
 * `timeoutAt`: a durable timer to that moment, then the hold is expired unless
 * it was captured or voided before (the ledger resolves a pending transfer
 * once, so a capture racing the timer leaves one winner).
 */
export const expireLedgerHold: ExpireLedgerHoldWorkflow = async (input) => {
  const wait = Date.parse(input.timeoutAt) - Date.now();
  if (wait > 0) await sleep(wait);
  return expire(input);
};

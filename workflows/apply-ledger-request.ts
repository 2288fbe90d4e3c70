import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { LedgerActivities } from '../activities/ledger';
import { activityProfiles, localProfiles } from './activity-profiles';
import type { ApplyLedgerRequestWorkflow } from './contracts/ledger';
import { decided } from './outcome';

const { applyLedgerRequest: applyV1 } = proxyActivities<LedgerActivities>(activityProfiles.database);
const { applyLedgerRequest: apply } = proxyLocalActivities<LedgerActivities>(localProfiles.posting);

/**
 * Every ledger mutation (transfer, mint, burn, hold, capture, void, revert,
 * batch) is one local activity: one PostgreSQL transaction keyed by
 * systemUniqueKey, so a retry can never post twice. A refusal (not enough
 * points, a bound) completes the workflow with it. Executions from before ran
 * it as a regular activity and failed on refusals.
 */
export const applyLedgerRequest: ApplyLedgerRequestWorkflow = async (input) => {
  if (!input.oneStep) return applyV1(input);
  return decided(() => apply(input), input.requestHash);
};

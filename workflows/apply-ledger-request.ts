import { proxyActivities } from '@temporalio/workflow';
import type { LedgerActivities } from '../activities/ledger';
import { activityProfiles } from './activity-profiles';
import type { ApplyLedgerRequestWorkflow } from './definitions';

const { applyLedgerRequest: apply } = proxyActivities<LedgerActivities>(activityProfiles.database);

/**
 * Every ledger mutation (transfer, mint, burn, hold, capture, void, revert,
 * batch) is one activity: one PostgreSQL transaction keyed by systemUniqueKey,
 * so an activity retry can never post twice.
 */
export const applyLedgerRequest: ApplyLedgerRequestWorkflow = async (input) => apply(input);

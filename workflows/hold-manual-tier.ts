import { proxyActivities, sleep } from '@temporalio/workflow';
import type { TierActivities } from '../activities/tiers';
import { activityProfiles } from './activity-profiles';
import type { HoldManualTierWorkflow } from './contracts/tiers';

const { evaluateTier } = proxyActivities<TierActivities>({ ...activityProfiles.database, scheduleToCloseTimeout: '24h', retry: { ...activityProfiles.database.retry, maximumInterval: '1m' } });

/**
 * A tier set by hand until `expiresAt`: a durable timer to that moment, then
 * the tier is judged on accrual again. A tier set again meanwhile (another
 * expiry, or none) is still held when this timer fires, and the database
 * leaves it be; the daily sweep is the backstop if a timer is ever lost.
 */
export const holdManualTier: HoldManualTierWorkflow = async (input) => {
  const wait = Date.parse(input.expiresAt) - Date.now();
  if (wait > 0) await sleep(wait);
  return evaluateTier({ schemeId: input.schemeId, customerId: input.customerId, reason: 'manual-expired' });
};

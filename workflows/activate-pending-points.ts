import { proxyActivities, sleep } from '@temporalio/workflow';
import type { SaleActivities } from '../activities/sales';
import { activityProfiles } from './activity-profiles';
import type { ActivatePendingPointsWorkflow } from './contracts/sales';

const { activatePendingPoints: activate } = proxyActivities<SaleActivities>(activityProfiles.database);

/**
 * A sale's return window: a durable timer (it survives worker and server
 * restarts), then the pending earn is captured. Returns inside the window have
 * already voided what they took; a fully returned sale has nothing left.
 */
export const activatePendingPoints: ActivatePendingPointsWorkflow = async ({ schemeId, uniqueId, activateAt }) => {
  const wait = Date.parse(activateAt) - Date.now();
  if (wait > 0) await sleep(wait);
  return activate({ schemeId, uniqueId });
};

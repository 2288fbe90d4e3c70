import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { ReturnActivities } from '../activities/returns';
import { activityProfiles } from './activity-profiles';
import { searchAttributes, type ReturnSaleWorkflow } from './definitions';
import { startPartnerSync } from './partner-sync-start';

const { postReturn } = proxyActivities<ReturnActivities>(activityProfiles.database);

/**
 * One return. The deciding happens inside the activity, under the sale's row
 * lock, with the same pure functions `?simulate=true` calls: a return must see
 * the returns before it, and only the database can serialise those.
 */
export const returnSale: ReturnSaleWorkflow = async (input) => {
  const result = await postReturn(input);
  upsertSearchAttributes([{ key: searchAttributes.customerId, value: result.customerId }]);
  await startPartnerSync(input.schemeId, 'return', input.uniqueId, result.customerId);
  return result;
};

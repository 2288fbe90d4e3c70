import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { ReturnActivities } from '../activities/returns';
import { activityProfiles } from './activity-profiles';
import { searchAttributes, type ReturnSaleWorkflow } from './definitions';
import { startPartnerSync } from './partner-sync-start';
import { emitHubEvent } from './emit-hub-event';
import { hubEventKeys } from '../domain/events/hub-event';

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
  await emitHubEvent({
    schemeId: input.schemeId,
    key: hubEventKeys.saleReturn(input.uniqueId),
    type: result.saleFullyReturned ? 'member-purchase-order-returned' : 'member-purchase-order-partially-returned',
    customerId: result.customerId,
    occurredAt: new Date().toISOString(),
    payload: { saleUniqueId: result.transactionUniqueId, returnUniqueId: input.uniqueId, pointsDeducted: String(result.pointsDeducted), fullyReturned: result.saleFullyReturned === true },
  });
  return result;
};

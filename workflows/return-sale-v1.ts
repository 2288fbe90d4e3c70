import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { ReturnActivities } from '../activities/returns';
import { activityProfiles } from './activity-profiles';
import type { ReturnInput } from './contracts/returns';
import { searchAttributes } from './contracts/search-attributes';
import type { ReturnResult } from '../domain/returns/result';
import { startPartnerSync } from './partner-sync-start';
import { emitHubEvent } from './emit-hub-event';
import { hubEventKeys } from '../domain/events/hub-event';

const { postReturn } = proxyActivities<ReturnActivities>(activityProfiles.database);

/**
 * A return as executions started before the one-step return run it (their
 * histories replay through here): the return's activity, then the partner
 * sync and the return event started as children.
 */
export async function returnSaleV1(input: ReturnInput): Promise<ReturnResult> {
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
}

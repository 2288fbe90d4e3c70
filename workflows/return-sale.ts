import { proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { ReturnActivities } from '../activities/returns';
import { localProfiles } from './activity-profiles';
import type { ReturnSaleWorkflow } from './contracts/returns';
import { searchAttributes } from './contracts/search-attributes';
import { decided } from './outcome';
import { returnSaleV1 } from './return-sale-v1';

const { postReturn } = proxyLocalActivities<ReturnActivities>(localProfiles.posting);

/**
 * One return in one durable step. The deciding happens inside the local
 * activity's transaction, under the sale's row lock, with the same pure
 * functions `?simulate=true` calls (a return must see the returns before it,
 * and only the database can serialise those); the return's event and partner
 * sync are recorded there as follow-ups. A refusal completes the workflow.
 */
export const returnSale: ReturnSaleWorkflow = async (input) => {
  if (!input.oneStep) return returnSaleV1(input);
  const outcome = await decided(() => postReturn({ ...input, announce: true }), input.requestHash);
  if (outcome.outcome === 'completed') upsertSearchAttributes([{ key: searchAttributes.customerId, value: outcome.value.customerId }]);
  return outcome;
};

import { proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { SaleActivities } from '../activities/sales';
import { localProfiles } from './activity-profiles';
import type { RecordSaleWorkflow } from './contracts/sales';
import { searchAttributes } from './contracts/search-attributes';
import { decided } from './outcome';
import { recordPricedSale } from './record-priced-sale';

const { postSale } = proxyLocalActivities<SaleActivities>(localProfiles.posting);

/**
 * A POS sale in one durable step: a local activity prices and posts it in one
 * PostgreSQL transaction (and records its follow-ups there), so the till's
 * answer costs one workflow start and one workflow task. A refusal completes
 * the workflow with it. Executions from before keep their own path.
 */
export const recordSale: RecordSaleWorkflow = async (input) => {
  if (!input.oneStep) return recordPricedSale(input);
  const outcome = await decided(() => postSale(input), input.requestHash);
  // Started with the customer's id when the till sent it; a barcode sale learns it here.
  if (outcome.outcome === 'completed' && !input.customerId) upsertSearchAttributes([{ key: searchAttributes.customerId, value: outcome.value.customerId }]);
  return outcome;
};

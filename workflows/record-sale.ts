import { patched, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { SaleActivities } from '../activities/sales';
import { localProfiles } from './activity-profiles';
import { searchAttributes, type RecordSaleWorkflow } from './definitions';
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
  if (!patched('one-step-sale')) return recordPricedSale(input);
  const outcome = await decided(() => postSale(input), input.requestHash);
  if (outcome.outcome === 'completed') upsertSearchAttributes([{ key: searchAttributes.customerId, value: outcome.value.customerId }]);
  return outcome;
};

import { proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { CustomerActivities } from '../activities/customers';
import { localProfiles } from './activity-profiles';
import { createCustomerV1 } from './create-customer-v1';
import type { CreateCustomerWorkflow } from './contracts/customers';
import { searchAttributes } from './contracts/search-attributes';
import { decided } from './outcome';

const { createCustomer: insertCustomer } = proxyLocalActivities<CustomerActivities>(localProfiles.posting);

/**
 * A registration in one durable step: the customer, its wallet, its referral,
 * its event and its follow-ups in one transaction (a local activity), exactly
 * once per idempotency key. A refusal (a taken email) completes the workflow
 * with it. Executions from before keep their own path.
 */
export const createCustomer: CreateCustomerWorkflow = async (input) => {
  if (!input.oneStep) return createCustomerV1(input);
  const announce = input.originConnectionId ? { originConnectionId: input.originConnectionId } : {};
  const outcome = await decided(async () => {
    const { journalled: _journalled, ...customer } = await insertCustomer({ ...input, announce });
    return customer;
  }, input.requestHash);
  if (outcome.outcome === 'completed') upsertSearchAttributes([{ key: searchAttributes.customerId, value: outcome.value.id }]);
  return outcome;
};

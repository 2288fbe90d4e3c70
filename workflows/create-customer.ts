import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { CustomerActivities } from '../activities/customers';
import { activityProfiles } from './activity-profiles';
import { searchAttributes, type CreateCustomerWorkflow } from './definitions';
import { startPartnerSync } from './partner-sync-start';

const { createCustomer: insertCustomer } = proxyActivities<CustomerActivities>(activityProfiles.database);

/** Proof of life: API → workflow → activity → PostgreSQL, exactly once per idempotency key. */
export const createCustomer: CreateCustomerWorkflow = async (input) => {
  const customer = await insertCustomer(input);
  upsertSearchAttributes([{ key: searchAttributes.customerId, value: customer.id }]);
  await startPartnerSync(input.schemeId, 'customer', `${customer.id}:created`, customer.id, undefined, input.originConnectionId);
  return customer;
};

import { patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CustomerActivities } from '../activities/customers';
import { activityProfiles } from './activity-profiles';
import type { UpdateCustomerWorkflow } from './contracts/customers';
import { startPartnerSync } from './partner-sync-start';
import { emitHubEvent } from './emit-hub-event';
import { decided } from './outcome';
import type { UpdateCustomerInput } from './contracts/customers';
import type { Customer } from '../domain/customer';

const { updateCustomer: applyChanges } = proxyActivities<CustomerActivities>(activityProfiles.database);

/**
 * Edits and block/unblock go through a workflow so later partner syncs hang
 * off the same history. A refusal (a taken email) completes it with the
 * refusal; executions from before failed instead.
 */
export const updateCustomer: UpdateCustomerWorkflow = async (input) => (patched('refusal-outcome') ? decided(() => update(input)) : update(input));

async function update(input: UpdateCustomerInput): Promise<Customer> {
  const customer = await applyChanges(input);
  // Each edit is its own operation for the partners (keyed by this run).
  await startPartnerSync(input.schemeId, 'customer', `${customer.id}:${workflowInfo().runId}`, customer.id, undefined, input.originConnectionId);
  await emitHubEvent({
    schemeId: input.schemeId,
    key: `customer/${customer.id}/updated/${workflowInfo().runId}`,
    type: 'member-updated',
    customerId: customer.id,
    occurredAt: customer.updatedAt,
    payload: { customerId: customer.id, changed: Object.keys(input.changes).filter((k) => input.changes[k as keyof typeof input.changes] !== undefined), status: customer.status },
  });
  return customer;
}

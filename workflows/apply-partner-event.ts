import { executeChild, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhooks';
import { activityProfiles } from './activity-profiles';
import type { CreateCustomerWorkflow, UpdateCustomerWorkflow } from './contracts/customers';
import type { ApplyPartnerEventWorkflow } from './contracts/partners';
import { workflowTypes } from './contracts/registry';
import { failureMessage } from './failure';
import { unwrap } from '../domain/outcome';

const { planPartnerEvent, applyPartnerPoints, finishPartnerEvent, linkPartnerCustomer } = proxyActivities<WebhookActivities>(activityProfiles.database);

/**
 * One partner event, once (the workflow id is the connection and event id).
 * Points post on the hub ledger keyed by the event; customer changes go
 * through the hub's own update workflow, told where they came from so they are
 * not synced back to that partner.
 */
export const applyPartnerEvent: ApplyPartnerEventWorkflow = async ({ eventRowId, schemeId }) => {
  const step = await planPartnerEvent({ eventRowId });
  if (step.action === 'done') return 'done';
  if (step.action === 'points') {
    await applyPartnerPoints({ ...step, schemeId, eventRowId });
    return 'points';
  }
  if (step.action === 'register') {
    try {
      // Idempotent by the event: a retried registration is the same customer.
      // A refused registration (a taken email) is this event's failure, with the refusal's reason.
      const customer = unwrap(await executeChild<CreateCustomerWorkflow>(workflowTypes.createCustomer, {
        workflowId: `customer-create/${schemeId}/webhook-${eventRowId}`,
        args: [{ schemeId, customer: step.customer, idempotencyKey: `webhook:${step.connectionId}:${step.eventId}`, requestHash: eventRowId, originConnectionId: step.connectionId, oneStep: true }],
      }));
      await linkPartnerCustomer({ connectionId: step.connectionId, customerId: customer.id, externalId: step.externalCustomerId });
      await finishPartnerEvent({ eventRowId, status: 'APPLIED', outcome: { customerId: customer.id, registered: true } });
    } catch (err) {
      await finishPartnerEvent({ eventRowId, status: 'FAILED', outcome: { reason: failureMessage(err) } });
    }
    return 'register';
  }
  try {
    await executeChild<UpdateCustomerWorkflow>(workflowTypes.updateCustomer, {
      workflowId: `customer-update/${schemeId}/${step.customerId}/webhook-${eventRowId}`,
      args: [{ schemeId, customerId: step.customerId, changes: step.changes, originConnectionId: step.connectionId }],
    });
    await finishPartnerEvent({ eventRowId, status: 'APPLIED', outcome: { customerId: step.customerId, changes: step.changes } });
  } catch (err) {
    await finishPartnerEvent({ eventRowId, status: 'FAILED', outcome: { reason: failureMessage(err) } });
  }
  return 'customer';
};

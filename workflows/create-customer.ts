import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { CustomerActivities } from '../activities/customers';
import { activityProfiles } from './activity-profiles';
import { searchAttributes, type CreateCustomerWorkflow } from './definitions';
import { startPartnerSync } from './partner-sync-start';
import type { ReferralActivities } from '../activities/referrals';
import { hubEventKeys } from '../domain/events/hub-event';
import { emitHubEvent } from './emit-hub-event';
import { startReferral } from './referral-start';

const { createCustomer: insertCustomer } = proxyActivities<CustomerActivities>(activityProfiles.database);
const { referralOf } = proxyActivities<ReferralActivities>(activityProfiles.database);

/** A registration: API → workflow → activity → PostgreSQL, exactly once per idempotency key; then its referral and its event. */
export const createCustomer: CreateCustomerWorkflow = async (input) => {
  const customer = await insertCustomer(input);
  upsertSearchAttributes([{ key: searchAttributes.customerId, value: customer.id }]);
  if (input.referralCode) {
    // Attached in the registration's own transaction; its workflow must listen before member-created is emitted.
    const referral = await referralOf({ schemeId: input.schemeId, customerId: customer.id });
    if (referral) await startReferral(referral);
  }
  await startPartnerSync(input.schemeId, 'customer', `${customer.id}:created`, customer.id, undefined, input.originConnectionId);
  await emitHubEvent({
    schemeId: input.schemeId,
    key: hubEventKeys.customerCreated(customer.id),
    type: 'member-created',
    customerId: customer.id,
    occurredAt: customer.createdAt,
    payload: { customerId: customer.id, barcode: customer.barcode, ...(input.referralCode ? { referralCode: input.referralCode } : {}) },
  });
  return customer;
};

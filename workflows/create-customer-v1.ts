import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { CustomerActivities } from '../activities/customers';
import { activityProfiles } from './activity-profiles';
import type { CreateCustomerInput } from './contracts/customers';
import { searchAttributes } from './contracts/search-attributes';
import type { Customer } from '../domain/customer';
import { startPartnerSync } from './partner-sync-start';
import type { ReferralActivities } from '../activities/referrals';
import { customerCreatedEvent } from '../domain/events/hub-event';
import { emitHubEvent } from './emit-hub-event';
import { startReferral } from './referral-start';

const { createCustomer: insertCustomer } = proxyActivities<CustomerActivities>(activityProfiles.database);
const { referralOf } = proxyActivities<ReferralActivities>(activityProfiles.database);

/**
 * A registration as executions started before the one-step registration run
 * it (their histories replay through here): the insert, then the referral,
 * the partner sync and the event started as children.
 */
export async function createCustomerV1(input: CreateCustomerInput): Promise<Customer> {
  const { journalled, ...customer } = await insertCustomer({ ...input, journalIfQuiet: true });
  upsertSearchAttributes([{ key: searchAttributes.customerId, value: customer.id }]);
  if (input.referralCode) {
    // Attached in the registration's own transaction; its workflow must listen before member-created is emitted.
    const referral = await referralOf({ schemeId: input.schemeId, customerId: customer.id });
    if (referral) await startReferral(referral);
  }
  await startPartnerSync(input.schemeId, 'customer', `${customer.id}:created`, customer.id, undefined, input.originConnectionId);
  // Journalled by the insert when nothing listens for it (histories from before that have no flag: they emit).
  if (!journalled) await emitHubEvent(customerCreatedEvent(input.schemeId, customer, input.referralCode));
  return customer;
}

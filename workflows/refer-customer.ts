import { patched, proxyActivities } from '@temporalio/workflow';
import type { ReferralActivities } from '../activities/referrals';
import { activityProfiles } from './activity-profiles';
import type { ReferCustomerWorkflow } from './contracts/referrals';
import { startReferral } from './referral-start';
import { decided } from './outcome';

const { attachReferral } = proxyActivities<ReferralActivities>(activityProfiles.database);

/** An existing customer gives a code: the limits decide in one transaction, then the referral's workflow starts. */
export const referCustomer: ReferCustomerWorkflow = async (input) => {
  const refer = async () => {
    const referral = await attachReferral(input);
    await startReferral(referral);
    return referral;
  };
  // A refused code completes the workflow with the refusal; executions from before failed instead.
  return patched('refusal-outcome') ? decided(refer) : refer();
};

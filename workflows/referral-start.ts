import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { Referral } from '../domain/referrals/types';
import type { ReferralWorkflow } from './contracts/referrals';
import { workflowTypes } from './contracts/registry';
import { searchAttributes } from './contracts/search-attributes';

/**
 * A new referral gets its own long-running workflow (parent-close ABANDON):
 * the registration answers now; the referral waits for its event. A retried
 * start finds the running one.
 */
export async function startReferral(referral: Referral): Promise<void> {
  try {
    await startChild<ReferralWorkflow>(workflowTypes.referral, {
      workflowId: referral.workflowId,
      args: [{ schemeId: referral.schemeId, referralId: referral.id, referredCustomerId: referral.referredCustomerId, expiresAt: referral.expiresAt, terms: referral.terms }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: searchAttributes.schemeId, value: referral.schemeId },
        { key: searchAttributes.customerId, value: referral.referredCustomerId },
        { key: searchAttributes.uniqueId, value: referral.code },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

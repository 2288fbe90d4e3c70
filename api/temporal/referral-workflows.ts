import type { Referral } from '../../domain/referrals/types';
import type { ReferCustomerInput, ReferCustomerWorkflow } from '../../workflows/contracts/referrals';
import { workflowIds, workflowTypes } from '../../workflows/contracts/registry';
import type { ReferralWorkflows, RequestMeta } from '../ports';
import { WorkflowStarter } from './workflow-starter';

export class TemporalReferralWorkflows extends WorkflowStarter implements ReferralWorkflows {
  refer(input: ReferCustomerInput, meta: RequestMeta): Promise<Referral> {
    return this.execute<ReferCustomerWorkflow>(workflowTypes.referCustomer, meta, {
      ...this.startOptions(meta, input.schemeId, { customerId: input.customerId, uniqueId: input.code }),
      workflowId: workflowIds.referCustomer(input.schemeId, input.customerId, input.code),
      args: [input],
    });
  }
}

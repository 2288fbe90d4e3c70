import type { SearchAttributePair } from '@temporalio/common';
import type { FollowUp } from '../domain/follow-ups';
import { workflowIds, workflowTypes } from './contracts/registry';
import { searchAttributes } from './contracts/search-attributes';

/** How one follow-up's workflow is started: the same type, id and search attributes whoever starts it. */
export interface FollowUpStart {
  workflowType: string;
  workflowId: string;
  args: unknown[];
  typedSearchAttributes: SearchAttributePair[];
}

const attributes = (schemeId: string, customerId: string, uniqueId: string): SearchAttributePair[] => [
  { key: searchAttributes.schemeId, value: schemeId },
  { key: searchAttributes.customerId, value: customerId },
  { key: searchAttributes.uniqueId, value: uniqueId },
];

/** Pure: a follow-up as the workflow start it stands for (ids are deterministic, so a second start finds the first). */
export function followUpStart(step: FollowUp): FollowUpStart {
  switch (step.kind) {
    case 'pendingWindow':
      return {
        workflowType: workflowTypes.activatePendingPoints,
        workflowId: workflowIds.activatePendingPoints(step.schemeId, step.uniqueId),
        args: [{ schemeId: step.schemeId, uniqueId: step.uniqueId, activateAt: step.activateAt }],
        typedSearchAttributes: attributes(step.schemeId, step.customerId, step.uniqueId),
      };
    case 'partnerSync':
      return {
        workflowType: workflowTypes.dispatchPartnerSync,
        workflowId: workflowIds.dispatchPartnerSync(step.schemeId, step.sync, step.operationKey),
        args: [{ schemeId: step.schemeId, kind: step.sync, operationKey: step.operationKey, ...(step.exceptConnectionId ? { exceptConnectionId: step.exceptConnectionId } : {}) }],
        typedSearchAttributes: attributes(step.schemeId, step.customerId, step.operationKey),
      };
    case 'hubEvent':
      return {
        workflowType: workflowTypes.deliverHubEvent,
        workflowId: workflowIds.deliverHubEvent(step.event.schemeId, step.event.key),
        args: [step.event],
        typedSearchAttributes: attributes(step.event.schemeId, step.event.customerId, step.event.key),
      };
    case 'holdTimeout':
      return {
        workflowType: workflowTypes.expireLedgerHold,
        workflowId: workflowIds.expireLedgerHold(step.schemeId, step.transferId),
        args: [{ schemeId: step.schemeId, accountId: step.accountId, transferId: step.transferId, timeoutAt: step.timeoutAt }],
        typedSearchAttributes: [
          { key: searchAttributes.schemeId, value: step.schemeId },
          { key: searchAttributes.uniqueId, value: step.transferId },
        ],
      };
    case 'triggerDelivery':
      return {
        workflowType: workflowTypes.deliverTriggerEvent,
        workflowId: workflowIds.deliverTriggerEvent(step.schemeId, step.deliveryId, step.run),
        args: [{ deliveryId: step.deliveryId, horizonSeconds: step.horizonSeconds, run: step.run }],
        typedSearchAttributes: attributes(step.schemeId, step.customerId, step.deliveryId),
      };
    case 'referral': {
      const r = step.referral;
      return {
        workflowType: workflowTypes.referral,
        workflowId: r.workflowId,
        args: [{ schemeId: r.schemeId, referralId: r.id, referredCustomerId: r.referredCustomerId, expiresAt: r.expiresAt, terms: r.terms }],
        typedSearchAttributes: attributes(r.schemeId, r.referredCustomerId, r.code),
      };
    }
  }
}

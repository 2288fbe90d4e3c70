import type { SyncKind } from '../../domain/partners/ports';
import { referralWorkflowId } from '../../domain/referrals/ids';

/** Every workflow type the worker registers, by the name Temporal knows it by. */
export const workflowTypes = {
  createCustomer: 'createCustomer',
  updateCustomer: 'updateCustomer',
  applyLedgerRequest: 'applyLedgerRequest',
  expireLedgerHold: 'expireLedgerHold',
  recordSale: 'recordSale',
  holdPoints: 'holdPoints',
  returnSale: 'returnSale',
  activatePendingPoints: 'activatePendingPoints',
  dispatchPartnerSync: 'dispatchPartnerSync',
  syncLane: 'syncLane',
  syncOperation: 'syncOperation',
  applyPartnerEvent: 'applyPartnerEvent',
  reconcileConnection: 'reconcileConnection',
  pollPartnerCustomers: 'pollPartnerCustomers',
  deliverHubEvent: 'deliverHubEvent',
  referCustomer: 'referCustomer',
  referral: 'referral',
  sweepExpiry: 'sweepExpiry',
  holdManualTier: 'holdManualTier',
  deliverTriggerEvent: 'deliverTriggerEvent',
  rollUpStats: 'rollUpStats',
} as const;

/** Workflow ids are derived from what makes an operation unique, so a retried request finds its workflow. */
export const workflowIds = {
  createCustomer: (schemeId: string, idempotencyKey: string, requestHash: string) =>
    `customer-create/${schemeId}/${idempotencyKey}/${requestHash.slice(0, 16)}`,
  updateCustomer: (schemeId: string, customerId: string, requestId: string) =>
    `customer-update/${schemeId}/${customerId}/${requestId}`,
  /** A duplicate request joins the same execution; the same key with another body gets its own, which the ledger refuses. */
  applyLedgerRequest: (schemeId: string, systemUniqueKey: string, requestHash: string) =>
    `ledger/${schemeId}/${systemUniqueKey}/${requestHash.slice(0, 16)}`,
  /** One per pending transfer: the outbox may start it twice, Temporal keeps one. */
  expireLedgerHold: (schemeId: string, transferId: string) => `ledger-hold/${schemeId}/${transferId}/expiry`,
  /** Readable, and derived from the POS's uniqueId alone so the status endpoint can find it. */
  recordSale: (schemeId: string, uniqueId: string) => `sale/${schemeId}/${uniqueId}`,
  holdPoints: (schemeId: string, holdId: string) => `hold/${schemeId}/${holdId}`,
  /** Scheme + original uniqueId (or `custom`) + the return's own uniqueId. */
  returnSale: (schemeId: string, saleUniqueId: string | null, returnId: string) => `return/${schemeId}/${saleUniqueId ?? 'custom'}/${returnId}`,
  /** One per sale with a return window; named after the sale so ops find it next to it. */
  activatePendingPoints: (schemeId: string, uniqueId: string) => `sale/${schemeId}/${uniqueId}/pending-points`,
  dispatchPartnerSync: (schemeId: string, kind: SyncKind, operationKey: string) => `sync-dispatch/${schemeId}/${kind}/${operationKey}`,
  syncLane: (connectionId: string, customerId: string) => `sync-lane/${connectionId}/${customerId}`,
  reconcileSchedule: (connectionId: string) => `reconcile/${connectionId}`,
  pollSchedule: (connectionId: string) => `poll/${connectionId}`,
  /** One delivery per event: a second emit of the same event finds the first. */
  deliverHubEvent: (schemeId: string, eventKey: string) => `event/${schemeId}/${eventKey}`,
  referCustomer: (schemeId: string, customerId: string, code: string) => `referral-attach/${schemeId}/${customerId}/${code}`,
  referral: referralWorkflowId,
  /** One schedule per scheme whose points expire; its runs are one sweep each. */
  expirySchedule: (schemeId: string) => `expiry/${schemeId}`,
  expirySweep: (schemeId: string) => `expiry/${schemeId}/sweep`,
  /** One timer per manual tier and expiry: setting the same again finds it. */
  holdManualTier: (schemeId: string, customerId: string, expiresAt: string) => `tier/${schemeId}/${customerId}/manual/${Date.parse(expiresAt)}`,
  /** One per delivery and run (a redelivery is a new run). */
  deliverTriggerEvent: (schemeId: string, deliveryId: string, run: number) => `trigger-delivery/${schemeId}/${deliveryId}/${run}`,
  /** One schedule for the hub; its runs share one id, so two never overlap. */
  statsSchedule: 'stats/roll-up',
  statsRollUp: 'stats/roll-up/run',
};

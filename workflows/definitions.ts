/**
 * The contract between the API and the workflows: workflow type names, their
 * input/output types, search attributes, signals, queries and updates. This is
 * the only workflow file `api/` imports, so the API never pulls workflow code.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Customer, CustomerChanges, NewCustomer } from '../domain/customer';
import type { WireOp, WireResult } from '../domain/ledger/wire';
import type { SaleLine, SalePayment } from '../domain/transactions/calculate';
import type { SaleRequest } from '../domain/transactions/price-sale';
import type { SaleResult } from '../domain/transactions/sale-result';
import type { ReturnRequest } from '../domain/returns/ports';
import type { ReturnResult } from '../domain/returns/result';
import type { SyncKind } from '../domain/partners/ports';
import type { SyncStatus, SyncTask } from '../domain/partners/sync';
import type { ReconciliationRun } from '../domain/partners/reconciliation';
import type { HubEvent } from '../domain/events/hub-event';
import type { Outcome } from '../domain/outcome';
import type { Referral, ReferralTerms } from '../domain/referrals/types';
import { referralWorkflowId } from '../domain/referrals/ids';

/** Registered on start (see runtime/search-attributes.ts) so ops can filter in the Web UI. */
export const searchAttributes = {
  schemeId: defineSearchAttributeKey('SchemeId', SearchAttributeType.KEYWORD),
  customerId: defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD),
  uniqueId: defineSearchAttributeKey('UniqueId', SearchAttributeType.KEYWORD),
  outletId: defineSearchAttributeKey('OutletId', SearchAttributeType.KEYWORD),
  /** `refused` plus the refusal's type on a workflow that refused its request (it completed with the refusal): ops find refusals here, real failures under Failed. */
  outcome: defineSearchAttributeKey('Outcome', SearchAttributeType.KEYWORD_LIST),
} as const;

/**
 * Set by the API on every start since the one-step operations: the workflow
 * takes the one-step path. Versioning by input rather than `patched()`: the
 * input never changes for an execution (so the choice is deterministic), and
 * a patch would cost every sale a search-attribute write on the server
 * (TemporalChangeVersion) — measured at ≈ 2–3 ms of Temporal CPU per sale
 * here. Executions started before have no flag and replay their old path.
 */
export interface OneStep {
  oneStep?: true;
}

/** Who and where a POS request is for, and its idempotency identity. */
export interface PosRequestIdentity {
  schemeId: string;
  uniqueId: string;
  requestHash: string;
  customerId?: string;
  customerBarcode?: string;
  outletId: string;
}

/** A POS sale: the Loyale transaction body, validated, plus its identity. */
export interface RecordSaleInput extends PosRequestIdentity, OneStep {
  sale: SaleRequest;
  statusUrl: string;
  /** The body as posted, stored with the transaction. */
  request: Record<string, unknown>;
}

export interface CreateCustomerInput extends OneStep {
  schemeId: string;
  customer: NewCustomer;
  idempotencyKey: string;
  requestHash: string;
  /** Registered from a partner event: not synced back to that connection. */
  originConnectionId?: string;
  /** A referral code given at registration. */
  referralCode?: string;
}

export interface UpdateCustomerInput {
  schemeId: string;
  customerId: string;
  changes: CustomerChanges;
  /** The connection a partner event came from: the change is not synced back to it (no echo loop). */
  originConnectionId?: string;
}

/** A ledger request: one or more operations applied all or nothing under one systemUniqueKey. */
export interface LedgerRequestInput extends OneStep {
  schemeId: string;
  systemUniqueKey: string;
  requestHash: string;
  ops: WireOp[];
}

/** An on-hold transaction: points reserved at the till until redeemed, removed or expired. */
export interface HoldInput extends PosRequestIdentity, OneStep {
  /** Points to hold, or a currency amount converted at the redemption rate. */
  points?: string;
  amount?: number;
  expiresInSeconds: number;
}

export type HoldStatus = 'PLACING' | 'HELD' | 'REDEEMING' | 'REDEEMED' | 'REMOVING' | 'REMOVED' | 'EXPIRING' | 'EXPIRED' | 'REFUSED';

export interface HoldView {
  holdId: string;
  status: HoldStatus;
  customerId: string | null;
  pointsHeld: string;
  pointsRedeemed: string;
  availableBefore: string | null;
  availableAfter: string | null;
  expiresAt: string | null;
  requestHash: string;
  pendingTransferId: string | null;
  /** When the redeem completed a sale: its result, in the transactions format. */
  sale: SaleResult | null;
  updatedAt: string;
}

export const holdState = defineQuery<HoldView>('holdState');
/** The hold's placement, awaited by the POS (update-with-start): the view once held, or the refusal. */
export const holdPlaced = defineUpdate<Outcome<HoldView>, []>('holdPlaced');
/** Capture all or part of the hold (the rest is released); a repeat returns the first outcome. */
export const redeemHold = defineUpdate<HoldView, [RedeemArgs]>('redeemHold');

/** A redeem may complete the sale in the same step: the held points pay first, the earn is posted with the capture. */
export interface RedeemArgs {
  points?: string;
  sale?: { lines: SaleLine[]; payments: SalePayment[]; statusUrl: string; request: Record<string, unknown> };
}
/** Release the hold; a repeat returns the first outcome. */
export const removeHold = defineUpdate<HoldView, []>('removeHold');

/** A return (full, line-item or custom), as the API hands it over. */
export type ReturnInput = ReturnRequest & OneStep;

/** The sale's return window: its pending points become available at `activateAt`. */
export interface ActivatePendingPointsInput {
  schemeId: string;
  uniqueId: string;
  activateAt: string;
}

/** A hub operation completed: forward it to the scheme's connections. */
export interface DispatchSyncInput {
  schemeId: string;
  kind: SyncKind;
  operationKey: string;
  /** Not sent back to the connection it came from. */
  exceptConnectionId?: string;
}

/** Compare a connection's balances with the hub's (optionally sending the corrections). */
export interface ReconcileInput {
  schemeId: string;
  connectionId: string;
  autoCorrect: boolean;
}

/** A recorded partner webhook event to apply. */
export interface ApplyPartnerEventInput {
  eventRowId: string;
  schemeId: string;
}

/** One (connection, customer) lane: its syncs run one after another, in the order they were dispatched. */
export interface SyncLaneInput {
  connectionId: string;
  customerId: string;
  queue: SyncTask[];
  /** Workflow ids already taken (a repeated dispatch signals the same task again). */
  seen: string[];
}

/** An existing customer gives a referral code (before their first qualifying event). */
export interface ReferCustomerInput {
  schemeId: string;
  customerId: string;
  code: string;
}

/** A referral's own workflow: waits for the qualifying event or the deadline, pays once, and watches the return window. */
export interface ReferralInput {
  schemeId: string;
  referralId: string;
  referredCustomerId: string;
  expiresAt: string;
  terms: ReferralTerms;
}

export interface ReferralState {
  referralId: string;
  status: Referral['status'];
  /** The event that qualified the referral, once one has. */
  qualifyingEventKey: string | null;
  qualifyingSaleId: string | null;
  /** While QUALIFIED: until when a full return of the qualifying sale reverses it. */
  reversibleUntil: string | null;
  referral: Referral | null;
}

/** The event bus delivers the referred customer's events to the referral's workflow. */
export const referralEvent = defineSignal<[HubEvent]>('referralEvent');
export const referralState = defineQuery<ReferralState>('referralState');

export const enqueueSync = defineSignal<[SyncTask]>('enqueueSync');
/** The tasks a lane has not run yet, for ops. */
export const laneQueue = defineQuery<SyncTask[]>('laneQueue');

export type CreateCustomerWorkflow = (input: CreateCustomerInput) => Promise<Outcome<Customer> | Customer>;
export type ApplyLedgerRequestWorkflow = (input: LedgerRequestInput) => Promise<Outcome<WireResult> | WireResult>;
export type RecordSaleWorkflow = (input: RecordSaleInput) => Promise<Outcome<SaleResult> | SaleResult>;
export type HoldPointsWorkflow = (input: HoldInput) => Promise<Outcome<HoldView> | HoldView>;
export type UpdateCustomerWorkflow = (input: UpdateCustomerInput) => Promise<Outcome<Customer> | Customer>;
export type ReturnSaleWorkflow = (input: ReturnInput) => Promise<Outcome<ReturnResult> | ReturnResult>;
export type ActivatePendingPointsWorkflow = (input: ActivatePendingPointsInput) => Promise<string>;
export type DispatchPartnerSyncWorkflow = (input: DispatchSyncInput) => Promise<number>;
export type SyncLaneWorkflow = (input: SyncLaneInput) => Promise<void>;
export type SyncOperationWorkflow = (task: SyncTask) => Promise<SyncStatus>;
export type ApplyPartnerEventWorkflow = (input: ApplyPartnerEventInput) => Promise<string>;
export type ReconcileConnectionWorkflow = (input: ReconcileInput) => Promise<ReconciliationRun>;
export type DeliverHubEventWorkflow = (event: HubEvent) => Promise<Outcome<Record<string, unknown>> | Record<string, unknown>>;
export type ReferCustomerWorkflow = (input: ReferCustomerInput) => Promise<Outcome<Referral> | Referral>;
export type ReferralWorkflow = (input: ReferralInput) => Promise<ReferralState>;
export type PollPartnerCustomersWorkflow = (input: { schemeId: string; connectionId: string }) => Promise<{ applied: number; refused: number; unknown: number }>;

export const workflowTypes = {
  createCustomer: 'createCustomer',
  updateCustomer: 'updateCustomer',
  applyLedgerRequest: 'applyLedgerRequest',
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
};

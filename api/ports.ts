import type { Page, PageRequest } from '../domain/pagination';
import type { DatabaseFailure } from '../domain/errors';
import type { CodecDeps } from './routes/codec';
import type { Customer } from '../domain/customer';
import type { Repositories } from '../domain/ports';
import type { Logger } from 'pino';
import type { Capacity } from '../config/capacity';
import type { Metrics } from './metrics';
import type { WireResult } from '../domain/ledger/wire';
import type { SaleResult } from '../domain/transactions/sale-result';
import type { Referral } from '../domain/referrals/types';
import type { HubEvent } from '../domain/events/hub-event';
import type { CreateCustomerInput, UpdateCustomerInput } from '../workflows/contracts/customers';
import type { HoldInput, HoldView, RedeemArgs } from '../workflows/contracts/holds';
import type { LedgerRequestInput } from '../workflows/contracts/ledger';
import type { ReferCustomerInput } from '../workflows/contracts/referrals';
import type { ReturnInput } from '../workflows/contracts/returns';
import type { RecordSaleInput } from '../workflows/contracts/sales';
import type { ReturnResult } from '../domain/returns/result';
import type { SyncLanes } from '../domain/partners/sync';
import type { WebhookEventView } from '../domain/partners/webhooks';
import type { ReconciliationRun } from '../domain/partners/reconciliation';

/** The request a workflow is started for: its id goes into the workflow memo and log lines. */
export interface RequestMeta {
  requestId: string;
  log: Logger;
  /** When the request must be answered by (epoch ms); REQUEST_DEADLINE_MS after it arrived. */
  deadline?: number;
}

/** What the API asks of Temporal; the implementation is temporal-gateway.ts. */
export interface CustomerWorkflows {
  create(input: CreateCustomerInput, meta: RequestMeta): Promise<Customer>;
  update(input: UpdateCustomerInput, meta: RequestMeta): Promise<Customer>;
}

export interface LedgerWorkflows {
  applyLedgerRequest(input: LedgerRequestInput, meta: RequestMeta): Promise<WireResult>;
}

export type SaleState = { status: 'PROCESSING' } | { status: 'FAILED'; error: { code: string; message: string } };

export interface SaleWorkflows {
  /** Null when the sale is still running at the request's deadline (answered 202 with its status URL). */
  recordSale(input: RecordSaleInput, meta: RequestMeta): Promise<SaleResult | null>;
  /** Null when there is no workflow for the uniqueId, or it completed (the stored sale answers). */
  saleStatus(schemeId: string, uniqueId: string): Promise<SaleState | null>;
}

export interface HoldWorkflows {
  placeHold(input: HoldInput, meta: RequestMeta): Promise<HoldView>;
  holdState(schemeId: string, holdId: string): Promise<HoldView | null>;
  redeemHold(schemeId: string, holdId: string, args: RedeemArgs, meta: RequestMeta): Promise<HoldView>;
  removeHold(schemeId: string, holdId: string, meta: RequestMeta): Promise<HoldView>;
}

export interface CustomerWorkflowSummary {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  startedAt: string;
  closedAt: string | null;
  uniqueId: string | null;
  /** `['refused', type]` on a workflow that answered with a refusal. */
  outcome: string[] | null;
}

/** Where ops see how a customer's operations ran (the Temporal Web UI links). */
export interface CustomerWorkflowList {
  /** Newest first, keyset-paged by start time. */
  recent(schemeId: string, customerId: string, page: PageRequest): Promise<Page<CustomerWorkflowSummary>>;
}

export interface ReturnWorkflows {
  returnSale(input: ReturnInput, meta: RequestMeta): Promise<ReturnResult>;
}

export interface WebhookWorkflows {
  /** Starts (or joins) the event's workflow; does not wait for it. */
  applyPartnerEvent(event: WebhookEventView, meta: RequestMeta): Promise<void>;
}

export interface ReconciliationWorkflows {
  /** Runs one reconciliation; answers its report if it finishes within the request's deadline, else the workflow id. */
  reconcile(input: { schemeId: string; connectionId: string; autoCorrect: boolean }, meta: RequestMeta): Promise<ReconciliationRun | { workflowId: string }>;
  /** Reconciliation every `everyHours`; with `pollEveryMinutes`, also the partner's customer pull. */
  ensureSchedule(input: { schemeId: string; connectionId: string; autoCorrect: boolean; everyHours: number; pollEveryMinutes?: number }): Promise<void>;
  removeSchedule(connectionId: string): Promise<void>;
}

export interface ExpiryWorkflows {
  /** The scheme's daily expiry sweep exists (api/temporal/expiry-schedules.ts); idempotent. */
  ensureSchedule(schemeId: string): Promise<void>;
}

export interface TierWorkflows {
  /** A durable timer to a manual tier's expiry, when the tier is judged again (api/temporal/expiry-schedules.ts). */
  holdManualTier(input: { schemeId: string; customerId: string; expiresAt: string }): Promise<void>;
}

export interface ReferralWorkflows {
  /** An existing customer gives a code; answers the PENDING referral (its own workflow then waits for the event). */
  refer(input: ReferCustomerInput, meta: RequestMeta): Promise<Referral>;
}

export interface EventWorkflows {
  /** Runs the event's delivery (missions, referrals) and answers its effects. */
  track(event: HubEvent & { tracked: NonNullable<HubEvent['tracked']> }, meta: RequestMeta): Promise<Record<string, unknown>>;
}

export interface HealthChecks {
  postgres(): Promise<void>;
  temporal(): Promise<void>;
}

export interface AppDeps {
  repos: Repositories;
  workflows: { customers: CustomerWorkflows; ledger: LedgerWorkflows; sales: SaleWorkflows; holds: HoldWorkflows; returns: ReturnWorkflows; sync: SyncLanes; webhooks: WebhookWorkflows; reconciliations: ReconciliationWorkflows; referrals: ReferralWorkflows; events: EventWorkflows; expiry: ExpiryWorkflows; tiers: TierWorkflows; customerWorkflows: CustomerWorkflowList };
  /** Checks the ledger's invariants for the admin endpoint. */
  verifyLedger(schemeId: string | null): Promise<unknown[]>;
  health: HealthChecks;
  logger: Logger;
  metrics: Metrics;
  adminToken: string;
  bodyLimit?: string;
  /** The request deadline and the admission limits (config/capacity.ts); defaults: 5 s, 16 in flight. */
  limits?: { deadlineMs: number; retryAfterSeconds: number; admission: Capacity['admission'] };
  /** What a database error means: an outage (503), a refusal (its typed 4xx), or a bug (500, logged without values). */
  classify?: (err: unknown) => DatabaseFailure | null;
  /** The payload codec behind the codec endpoint (the Temporal Web UI decodes through it). */
  codec?: CodecDeps;
  /** Where the admin console links workflows to: the Temporal Web UI (null when there is none to link to). */
  console?: { temporalUiUrl: string | null; namespace: string };
}

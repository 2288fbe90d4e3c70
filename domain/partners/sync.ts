import type { Page, PageRequest } from '../pagination';
import type { AdapterConnection, Partner, SyncKind } from './ports';

/** A per-scheme link to a partner platform. Credentials are write-only: never shown, stored encrypted. */
export interface ConnectionView {
  id: string;
  schemeId: string;
  partner: Partner;
  name: string;
  baseUrl: string;
  /** Which credential fields are set (names only). */
  credentialFields: string[];
  options: Record<string, unknown>;
  /** Hub operations forwarded; the partner's adapter may still skip what it cannot take. */
  events: SyncKind[];
  enabled: boolean;
  /** How long a sync keeps retrying before it is FAILED. */
  retryHorizonSeconds: number;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectionInput {
  partner: Partner;
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  options: Record<string, unknown>;
  events: SyncKind[];
  enabled: boolean;
  retryHorizonSeconds: number;
}

export interface ConnectionRepository {
  /** Answers the webhook signing secret this once. */
  create(schemeId: string, input: ConnectionInput): Promise<ConnectionView & { webhookSecret: string }>;
  /** A new webhook signing secret (the old one stops working at once); null when there is no such connection. */
  rotateWebhookSecret(schemeId: string, id: string): Promise<string | null>;
  list(schemeId: string, page: PageRequest): Promise<Page<ConnectionView>>;
  get(schemeId: string, id: string): Promise<ConnectionView | null>;
  /** Credentials omitted → kept; given → replaced as a whole. */
  update(schemeId: string, id: string, input: Omit<ConnectionInput, 'credentials' | 'partner'> & { credentials?: Record<string, string> }): Promise<ConnectionView | null>;
  /** Disables and hides it; sync records keep their history. */
  remove(schemeId: string, id: string): Promise<boolean>;
  /** The pull cursor of a connection (Loyale updated customers); null before the first poll. */
  pollCursor(id: string): Promise<string | null>;
  savePollCursor(id: string, cursor: string): Promise<void>;
  /** The kinds of operation the scheme's enabled connections forward. */
  events(schemeId: string): Promise<SyncKind[]>;
  /** For the worker only: the decrypted settings an adapter needs. */
  forAdapter(id: string): Promise<(AdapterConnection & { schemeId: string; enabled: boolean }) | null>;
}

export type SyncStatus = 'PENDING' | 'SYNCED' | 'SKIPPED' | 'FAILED';

export interface SyncRecordView {
  id: string;
  schemeId: string;
  connectionId: string;
  partner: Partner;
  kind: SyncKind;
  /** The hub operation: a sale's or a return's uniqueId, a customer id. */
  operationKey: string;
  customerId: string;
  status: SyncStatus;
  attempts: number;
  lastError: string | null;
  detail: Record<string, unknown> | null;
  /** The workflow that runs (or ran) it, for the Temporal UI. */
  workflowId: string;
  createdAt: string;
  updatedAt: string;
}

/** What one sync workflow is asked to do. */
export interface SyncTask {
  recordId: string;
  schemeId: string;
  connectionId: string;
  customerId: string;
  workflowId: string;
  retryHorizonSeconds: number;
}

export interface SyncRepository {
  /**
   * One record per (connection, kind, operation) for every enabled connection
   * of the scheme that forwards `kind`; idempotent. Answers the ones still PENDING.
   */
  plan(schemeId: string, kind: SyncKind, operationKey: string, exceptConnectionId?: string): Promise<SyncTask[]>;
  /** The record with its payload, for the adapter call. */
  load(recordId: string): Promise<{ record: SyncRecordView; payload: Record<string, unknown>; steps: string[] } | null>;
  markStep(recordId: string, step: string): Promise<void>;
  recordAttempt(recordId: string, error: string | null): Promise<void>;
  finish(recordId: string, status: Exclude<SyncStatus, 'PENDING'>, detail: Record<string, unknown> | null, error?: string | null): Promise<void>;
  list(schemeId: string, filter: { status?: SyncStatus; connectionId?: string; limit: number; cursor?: string }): Promise<Page<SyncRecordView>>;
  get(schemeId: string, id: string): Promise<SyncRecordView | null>;
  /** Back to PENDING under a new workflow id (`…/retry-<n>`). */
  prepareRetry(schemeId: string, id: string): Promise<SyncTask | null>;
  link(connectionId: string, customerId: string): Promise<string | null>;
  setLink(connectionId: string, customerId: string, externalId: string): Promise<void>;
  /** Open records (PENDING, FAILED) across schemes by partner: the backlog ops watch. */
  backlog(): Promise<SyncBacklog[]>;
}

export interface SyncBacklog {
  partner: string;
  status: 'PENDING' | 'FAILED';
  count: number;
}

/** Hands a task to the (connection, customer) lane that runs syncs in order. */
export interface SyncLanes {
  enqueue(task: SyncTask): Promise<void>;
}

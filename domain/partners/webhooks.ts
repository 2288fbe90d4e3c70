import type { Page } from '../pagination';
import type { Partner, SyncKind } from './ports';
import type { WebhookEventStatus, WebhookEventType } from './webhook-events';

/** The documented envelope every partner posts: `data` is in the partner's own object shapes. */
export interface WebhookEnvelope {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface WebhookEventView {
  id: string;
  schemeId: string;
  connectionId: string;
  eventId: string;
  type: WebhookEventType;
  occurredAt: string;
  data: Record<string, unknown>;
  status: WebhookEventStatus;
  outcome: Record<string, unknown> | null;
  workflowId: string;
  receivedAt: string;
  updatedAt: string;
}

/** What a webhook request is checked against. */
export interface WebhookTarget {
  connectionId: string;
  schemeId: string;
  partner: Partner;
  secret: string | null;
  enabled: boolean;
  options: Record<string, unknown>;
}

export interface WebhookRepository {
  target(connectionId: string): Promise<WebhookTarget | null>;
  /** First delivery inserts; a redelivery (same connection and event id) answers the stored event with `inserted: false`. */
  record(target: WebhookTarget, envelope: WebhookEnvelope): Promise<{ event: WebhookEventView; inserted: boolean }>;
  get(id: string): Promise<WebhookEventView | null>;
  list(schemeId: string, filter: { status?: WebhookEventStatus; connectionId?: string; limit: number; cursor?: string }): Promise<Page<WebhookEventView>>;
  finish(id: string, status: Exclude<WebhookEventStatus, 'RECEIVED'>, outcome: Record<string, unknown>): Promise<void>;
  /** The hub customer a partner id is linked to on this connection. */
  linkedCustomer(connectionId: string, externalId: string): Promise<string | null>;
  /** Whether the hub itself forwarded this operation on this connection (an echo). */
  isOwnSync(connectionId: string, kind: SyncKind, operationKey: string): Promise<boolean>;
}

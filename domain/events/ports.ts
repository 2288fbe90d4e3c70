import type { Page, PageRequest } from '../pagination';
import type { HubEvent } from './hub-event';

export type HubEventStatus = 'pending' | 'running' | 'failed' | 'success';

export interface RecordedHubEvent extends HubEvent {
  id: string;
  status: HubEventStatus;
  source: 'hub' | 'api';
  /** What delivering it caused (referrals signalled, mission effects), once delivered. */
  effects: Record<string, unknown> | null;
  createdAt: string;
}

export interface HubEventFilter extends PageRequest {
  eventType?: string;
  status?: HubEventStatus;
  fromCreatedAt?: string;
  toCreatedAt?: string;
}

/** The event bus's journal: one row per (scheme, key), so an event emitted twice is delivered once. */
export interface HubEventRepository {
  record(event: HubEvent): Promise<RecordedHubEvent>;
  finish(schemeId: string, key: string, status: HubEventStatus, effects: Record<string, unknown>): Promise<void>;
  /** Whether an active mission counts this event type or an open referral waits on the customer. */
  listening(schemeId: string, customerId: string, eventType: string): Promise<boolean>;
  /** Journals an event nothing listens for, as delivered with no effects (no delivery workflow). */
  journalQuiet(event: HubEvent): Promise<void>;
  listForCustomer(schemeId: string, customerId: string, filter: HubEventFilter): Promise<Page<RecordedHubEvent>>;
}

import type { Matcher } from '../missions/matcher';

/**
 * A scheme's event trigger (seed 004, Event triggers): `type: "WebHook"`
 * posts every hub event of its types to the retailer's URL, signed like the
 * webhooks the hub receives (`X-Hub-Signature: t=…,v1=HMAC-SHA256(secret,
 * "t.body")`), in order per customer, retried until its horizon.
 */
export interface EventTrigger {
  id: string;
  type: 'WebHook';
  name: string;
  active: boolean;
  settings: TriggerSettings;
  createdAt: string;
  updatedAt: string;
}

export interface TriggerSettings {
  url: string;
  eventTypes: string[];
  /** JSON Logic over the event (type, key, customerId, occurredAt, payload): an event it excludes is not posted. */
  filter: Matcher | null;
  /** How long a delivery keeps retrying before it is FAILED (and the customer's next events go on). */
  retryHorizonSeconds: number;
}

export type NewEventTrigger = Omit<EventTrigger, 'id' | 'createdAt' | 'updatedAt'>;

export const deliveryStatuses = ['PENDING', 'DELIVERED', 'FAILED', 'FILTERED'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One event for one trigger: its attempts, visible while it retries. */
export interface TriggerDelivery {
  id: string;
  triggerId: string;
  eventKey: string;
  eventType: string;
  customerId: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** Each redelivery is a new run (and a new workflow). */
  run: number;
  createdAt: string;
}

/** What the retailer receives: the event as the hub recorded it. */
export interface DeliveredEvent {
  id: string;
  type: string;
  key: string;
  customerId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** The wait before attempt `n + 1` after `n` failed ones: 1 s doubling to a minute (Temporal's retry policy, for ops to read). */
export function backoffSeconds(failedAttempts: number): number {
  return Math.min(60, 2 ** Math.max(0, failedAttempts - 1));
}

/** How long a delivery waits for the customer's earlier one before looking again: 1 s doubling to 10 s. */
export function waitSeconds(round: number): number {
  return Math.min(10, 2 ** round);
}

import type { Page, PageRequest } from '../pagination';
import type { DeliveredEvent, DeliveryStatus, EventTrigger, NewEventTrigger, TriggerDelivery } from './trigger';

export interface TriggerRepository {
  /** With its signing secret, answered this once. */
  create(schemeId: string, trigger: NewEventTrigger): Promise<EventTrigger & { signingSecret: string }>;
  update(schemeId: string, id: string, trigger: NewEventTrigger): Promise<EventTrigger>;
  get(schemeId: string, id: string): Promise<EventTrigger | null>;
  list(schemeId: string, filter: { active?: boolean; name?: string }, page: PageRequest): Promise<Page<EventTrigger>>;
  remove(schemeId: string, id: string): Promise<void>;
  deliveries(schemeId: string, triggerId: string, filter: { status?: DeliveryStatus }, page: PageRequest): Promise<Page<TriggerDelivery>>;
  /**
   * A new signing secret, answered this once; the old one is still signed with
   * (a second `v1`) for `overlapSeconds`, so the receiver can switch without
   * refusing a delivery.
   */
  rotateSecret(schemeId: string, id: string, overlapSeconds: number): Promise<{ trigger: EventTrigger; signingSecret: string; previousSecretValidUntil: string | null }>;
  /** A FAILED or DELIVERED delivery queued again as a new run (a new workflow, recorded in the outbox). */
  redeliver(schemeId: string, deliveryId: string): Promise<TriggerDelivery>;
}

/** What one delivery attempt needs, read fresh each attempt (the trigger may have been edited or turned off). */
export interface DeliveryJob {
  delivery: TriggerDelivery;
  event: DeliveredEvent;
  trigger: EventTrigger;
  /** The secrets to sign with: the current one, then one a rotation is retiring (until its overlap ends). */
  secrets: string[];
  /** An earlier delivery of the same trigger and customer is still PENDING: this one waits. */
  behind: boolean;
}

/** Writes name the run they belong to: a stale run (a redelivery started since) changes nothing. */
export interface DeliveryStore {
  load(deliveryId: string): Promise<DeliveryJob | null>;
  attempted(deliveryId: string, run: number, outcome: { statusCode: number | null; error: string | null; nextAttemptAt: string | null }): Promise<void>;
  settle(deliveryId: string, run: number, status: Exclude<DeliveryStatus, 'PENDING'>, detail: { statusCode?: number | null; error?: string | null }): Promise<void>;
}

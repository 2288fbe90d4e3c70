import type { DeliveredEvent, EventTrigger, TriggerDelivery } from '../../domain/triggers/trigger';

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export interface TriggerRow {
  id: string;
  type: 'WebHook';
  name: string;
  active: boolean;
  url: string;
  event_types: string[];
  filter: EventTrigger['settings']['filter'];
  retry_horizon_seconds: number;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_until: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const toTrigger = (r: TriggerRow): EventTrigger => ({
  id: r.id,
  type: r.type,
  name: r.name,
  active: r.active,
  settings: { url: r.url, eventTypes: r.event_types, filter: r.filter, retryHorizonSeconds: r.retry_horizon_seconds },
  createdAt: iso(r.created_at) as string,
  updatedAt: iso(r.updated_at) as string,
});

export interface DeliveryRow {
  id: string;
  trigger_id: string;
  event_key: string;
  event_type: string;
  customer_id: string;
  event: DeliveredEvent;
  status: TriggerDelivery['status'];
  attempts: number;
  last_error: string | null;
  last_status_code: number | null;
  next_attempt_at: Date | string | null;
  delivered_at: Date | string | null;
  run: number;
  created_at: Date | string;
}

export const DELIVERY_COLUMNS = 'id, trigger_id, event_key, event_type, customer_id, status, attempts, last_error, last_status_code, next_attempt_at, delivered_at, run, created_at';

export const toDelivery = (r: Omit<DeliveryRow, 'event'>): TriggerDelivery => ({
  id: r.id,
  triggerId: r.trigger_id,
  eventKey: r.event_key,
  eventType: r.event_type,
  customerId: r.customer_id,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  lastStatusCode: r.last_status_code,
  nextAttemptAt: iso(r.next_attempt_at),
  deliveredAt: iso(r.delivered_at),
  run: r.run,
  createdAt: iso(r.created_at) as string,
});

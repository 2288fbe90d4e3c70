import { EntitySchema } from '@mikro-orm/core';
import { ConnectionEntity } from './connection.entity';
import { schemeRef } from './scheme-ref';

/** A partner event received on a connection's webhook; unique per (connection, event id): a redelivery is a no-op. */
export class WebhookEventEntity {
  id!: string;
  schemeId!: string;
  connectionId!: string;
  eventId!: string;
  type!: string;
  occurredAt!: Date;
  data!: Record<string, unknown>;
  status: 'RECEIVED' | 'APPLIED' | 'IGNORED' | 'FAILED' = 'RECEIVED';
  outcome: Record<string, unknown> | null = null;
  workflowId!: string;
  receivedAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const WebhookEventSchema = new EntitySchema<WebhookEventEntity>({
  class: WebhookEventEntity,
  tableName: 'webhook_events',
  uniques: [{ name: 'webhook_events_connection_event_unique', properties: ['connectionId', 'eventId'] }],
  indexes: [{ name: 'webhook_events_scheme_status_index', properties: ['schemeId', 'status', 'receivedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    connectionId: { kind: 'm:1', entity: () => ConnectionEntity, mapToPk: true, fieldName: 'connection_id', deleteRule: 'cascade' },
    eventId: { type: 'string', length: 200 },
    type: { type: 'string', length: 40 },
    occurredAt: { type: 'datetime', length: 6 },
    data: { type: 'json' },
    status: { type: 'string', length: 10, default: 'RECEIVED' },
    outcome: { type: 'json', nullable: true },
    workflowId: { type: 'string', length: 400 },
    receivedAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

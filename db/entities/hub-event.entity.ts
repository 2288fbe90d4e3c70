import { EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { schemeRef } from './scheme-ref';

/** An event the hub emitted on its event bus; unique per (scheme, key), so a replayed emit is recorded once. */
export class HubEventEntity {
  id!: string;
  schemeId!: string;
  key!: string;
  type!: string;
  customerId!: string;
  payload!: Record<string, unknown>;
  occurredAt!: Date;
  status: 'pending' | 'running' | 'failed' | 'success' = 'pending';
  effects: Record<string, unknown> | null = null;
  /** `hub` (emitted by an operation) or `api` (tracked through POST /v1/events, with its request hash). */
  source = 'hub';
  requestHash: string | null = null;
  externalId: string | null = null;
  externalEventDate: Date | null = null;
  tags: string[] = [];
  description: string | null = null;
  createdAt: Date = new Date();
}

export const HubEventSchema = new EntitySchema<HubEventEntity>({
  class: HubEventEntity,
  tableName: 'hub_events',
  uniques: [{ name: 'hub_events_scheme_key_unique', properties: ['schemeId', 'key'] }],
  indexes: [
    { name: 'hub_events_customer_created_index', properties: ['customerId', 'createdAt'] },
    // Stats: a scheme's events in a window, by type, read from the index alone.
    { name: 'hub_events_scheme_created_type_index', properties: ['schemeId', 'createdAt', 'type'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    key: { type: 'string', length: 300 },
    type: { type: 'string', length: 100 },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id' },
    payload: { type: 'json' },
    occurredAt: { type: 'datetime', length: 6 },
    status: { type: 'string', length: 10, default: 'pending' },
    effects: { type: 'json', nullable: true },
    source: { type: 'string', length: 10, default: 'hub' },
    requestHash: { type: 'string', length: 64, nullable: true },
    externalId: { type: 'string', length: 255, nullable: true },
    externalEventDate: { type: 'datetime', length: 6, nullable: true },
    tags: { type: 'json', default: '[]' },
    description: { type: 'text', nullable: true },
    createdAt: { type: 'datetime', length: 6 },
  },
});

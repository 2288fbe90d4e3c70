import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { EventTriggerEntity } from './event-trigger.entity';
import { schemeRef } from './scheme-ref';

/**
 * One hub event for one trigger, written by the hub_events fan-out (a
 * database trigger, db/migrations/…_event_triggers.ts) in the event's own
 * transaction; `seq` orders a customer's deliveries.
 */
export class TriggerDeliveryEntity {
  id!: string;
  seq!: string;
  schemeId!: string;
  triggerId!: string;
  eventKey!: string;
  eventType!: string;
  customerId!: string;
  event!: Record<string, unknown>;
  status = 'PENDING';
  attempts = 0;
  lastError: string | null = null;
  lastStatusCode: number | null = null;
  nextAttemptAt: Date | null = null;
  deliveredAt: Date | null = null;
  run = 0;
  createdAt: Date = new Date();
}

export const TriggerDeliverySchema = new EntitySchema<TriggerDeliveryEntity>({
  class: TriggerDeliveryEntity,
  tableName: 'trigger_deliveries',
  uniques: [{ name: 'trigger_deliveries_trigger_event_unique', properties: ['triggerId', 'eventKey'] }],
  indexes: [
    { name: 'trigger_deliveries_lane_index', expression: 'create index "trigger_deliveries_lane_index" on "trigger_deliveries" ("trigger_id", "customer_id", "seq") where status = \'PENDING\'' },
    { properties: ['triggerId', 'seq'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    seq: { type: new BigIntType('string'), autoincrement: true, primary: false },
    schemeId: schemeRef,
    triggerId: { kind: 'm:1', entity: () => EventTriggerEntity, mapToPk: true, fieldName: 'trigger_id', deleteRule: 'cascade' },
    eventKey: { type: 'string', length: 300 },
    eventType: { type: 'string', length: 100 },
    customerId: { type: 'uuid' },
    event: { type: 'json' },
    status: { type: 'string', length: 10, default: 'PENDING' },
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true },
    lastStatusCode: { type: 'integer', nullable: true },
    nextAttemptAt: { type: 'datetime', length: 6, nullable: true },
    deliveredAt: { type: 'datetime', length: 6, nullable: true },
    run: { type: 'integer', default: 0 },
    createdAt: { type: 'datetime', length: 6 },
  },
});

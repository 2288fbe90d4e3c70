import { EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';

/** A scheme's WebHook trigger (domain/triggers/trigger.ts); the signing secret sealed with the credentials key. */
export class EventTriggerEntity {
  id!: string;
  schemeId!: string;
  type = 'WebHook';
  name!: string;
  active = true;
  url!: string;
  eventTypes: string[] = [];
  filter: Record<string, unknown> | null = null;
  retryHorizonSeconds = 86_400;
  secretSealed!: string;
  /** The secret a rotation retired, still signed with until `previousSecretUntil` (receivers switch in that overlap). */
  previousSecretSealed: string | null = null;
  previousSecretUntil: Date | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const EventTriggerSchema = new EntitySchema<EventTriggerEntity>({
  class: EventTriggerEntity,
  tableName: 'event_triggers',
  // The fan-out on every hub event reads the scheme's active triggers.
  indexes: [{ properties: ['schemeId', 'active'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    type: { type: 'string', length: 16, default: 'WebHook' },
    name: { type: 'string', length: 200 },
    active: { type: 'boolean', default: true },
    url: { type: 'string', length: 2000 },
    eventTypes: { type: 'json', defaultRaw: `'[]'` },
    filter: { type: 'json', nullable: true },
    retryHorizonSeconds: { type: 'integer', default: 86400 },
    secretSealed: { type: 'text' },
    previousSecretSealed: { type: 'text', nullable: true },
    previousSecretUntil: { type: 'datetime', length: 6, nullable: true },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

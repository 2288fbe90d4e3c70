import { EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';

/** A custom loyalty event type an admin registered (the seed's loyalty event types); `apiCode` is what events carry. */
export class EventTypeEntity {
  id!: string;
  schemeId!: string;
  apiCode!: string;
  name!: string;
  description: string | null = null;
  active = true;
  createdAt: Date = new Date();
}

export const EventTypeSchema = new EntitySchema<EventTypeEntity>({
  class: EventTypeEntity,
  tableName: 'event_types',
  uniques: [{ name: 'event_types_scheme_api_code_unique', properties: ['schemeId', 'apiCode'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    apiCode: { type: 'string', length: 100 },
    name: { type: 'string', length: 200 },
    description: { type: 'text', nullable: true },
    active: { type: 'boolean', default: true },
    createdAt: { type: 'datetime', length: 6 },
  },
});

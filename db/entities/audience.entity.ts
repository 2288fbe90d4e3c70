import { EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';

/** A scheme's audience (domain/audiences/audience.ts): a JSON Logic rule named by a key unique in the scheme. */
export class AudienceEntity {
  id!: string;
  schemeId!: string;
  key!: string;
  name!: string;
  description: string | null = null;
  rule!: Record<string, unknown>;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const AudienceSchema = new EntitySchema<AudienceEntity>({
  class: AudienceEntity,
  tableName: 'audiences',
  uniques: [{ name: 'audiences_scheme_key_unique', properties: ['schemeId', 'key'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    key: { type: 'string', length: 100 },
    name: { type: 'string', length: 200 },
    description: { type: 'string', length: 2000, nullable: true },
    rule: { type: 'json' },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

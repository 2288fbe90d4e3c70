import { EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';

export class LedgerEntity {
  id!: string;
  schemeId!: string;
  name!: string;
  description: string | null = null;
  isDefault = false;
  createdAt: Date = new Date();
}

export const LedgerSchema = new EntitySchema<LedgerEntity>({
  class: LedgerEntity,
  tableName: 'ledgers',
  uniques: [{ name: 'ledgers_scheme_name_unique', properties: ['schemeId', 'name'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    name: { type: 'string', length: 200 },
    description: { type: 'string', length: 1000, nullable: true },
    isDefault: { type: 'boolean', default: false },
    createdAt: { type: 'datetime', length: 6 },
  },
});

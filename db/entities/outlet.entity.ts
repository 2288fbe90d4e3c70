import { EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';

/** A shop or web store of a scheme; every sale names one. */
export class OutletEntity {
  id!: string;
  schemeId!: string;
  name!: string;
  active = true;
  createdAt: Date = new Date();
}

export const OutletSchema = new EntitySchema<OutletEntity>({
  class: OutletEntity,
  tableName: 'outlets',
  uniques: [{ name: 'outlets_scheme_name_unique', properties: ['schemeId', 'name'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    name: { type: 'string', length: 200 },
    active: { type: 'boolean', default: true },
    createdAt: { type: 'datetime', length: 6 },
  },
});

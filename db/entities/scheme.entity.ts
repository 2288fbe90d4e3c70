import { EntitySchema } from '@mikro-orm/core';

export class SchemeEntity {
  id!: string;
  name!: string;
  currency!: string;
  timeZone!: string;
  createdAt: Date = new Date();
}

export const SchemeSchema = new EntitySchema<SchemeEntity>({
  class: SchemeEntity,
  tableName: 'schemes',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', length: 200, unique: 'schemes_name_unique' },
    currency: { type: 'string', length: 3 },
    timeZone: { type: 'string', length: 64 },
    createdAt: { type: 'datetime', length: 6 },
  },
});

import { EntitySchema } from '@mikro-orm/core';

export class SchemeEntity {
  id!: string;
  name!: string;
  currency!: string;
  timeZone!: string;
  /** Up to when the daily sweep has judged tiers whose earned points left the window (db/ledger/sql/tiers.sql.ts). */
  tiersSweptUntil: Date | null = null;
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
    tiersSweptUntil: { type: 'datetime', length: 6, nullable: true },
    createdAt: { type: 'datetime', length: 6 },
  },
});

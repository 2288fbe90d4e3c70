import { EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';

/**
 * One settled day of one stat, aggregated once: a year-long window reads 365
 * of these instead of a million rows. Only stats over rows that never change
 * after commit are rolled up (customers' creation, posted transfers), so a day,
 * once settled, never needs recounting. Keyed by the time zone the day was cut
 * in: a scheme that changes zone gets new days, never mixed ones.
 */
export class StatsDayEntity {
  scopeId!: string;
  metric!: string;
  zone!: string;
  day!: string;
  schemeId!: string;
  figures: Record<string, unknown> = {};
  computedAt: Date = new Date();
}

export const StatsDaySchema = new EntitySchema<StatsDayEntity>({
  class: StatsDayEntity,
  tableName: 'stats_days',
  properties: {
    /** The scheme (members) or the ledger account (transfers) the figures are of. */
    scopeId: { type: 'uuid', primary: true },
    metric: { type: 'string', length: 40, primary: true },
    zone: { type: 'string', length: 64, primary: true },
    day: { type: 'date', primary: true },
    schemeId: { ...schemeRef, index: true },
    figures: { type: 'json' },
    computedAt: { type: 'datetime', length: 6, defaultRaw: 'now()' },
  },
});

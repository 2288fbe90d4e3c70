import { EntitySchema } from '@mikro-orm/core';
import type { FollowUp } from '../../domain/follow-ups';
import { schemeRef } from './scheme-ref';

/**
 * The outbox: an operation's follow-ups, written in the operation's own
 * transaction and removed once the relay has started their workflows.
 * Unique per (scheme, key); `lane` orders the batches of one customer.
 */
export class FollowUpEntity {
  id!: string;
  schemeId!: string;
  key!: string;
  lane!: string;
  steps!: FollowUp[];
  attempts = 0;
  /** A relay holds the batch until then; a crashed relay's claim lapses. */
  claimedUntil: Date | null = null;
  lastError: string | null = null;
  /**
   * The task queue of the process that wrote the row (its connections' `hub.outbox` setting, so a database
   * trigger's rows get it too); a relay claims its own queue's rows and unstamped ones.
   */
  queue: string | null = null;
  createdAt: Date = new Date();
}

export const FollowUpSchema = new EntitySchema<FollowUpEntity>({
  class: FollowUpEntity,
  tableName: 'follow_ups',
  uniques: [{ name: 'follow_ups_scheme_key_unique', properties: ['schemeId', 'key'] }],
  indexes: [{ name: 'follow_ups_lane_index', properties: ['lane', 'id'] }],
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    schemeId: schemeRef,
    key: { type: 'string', length: 300 },
    lane: { type: 'string', length: 100 },
    steps: { type: 'json' },
    attempts: { type: 'integer', default: 0 },
    claimedUntil: { type: 'datetime', length: 6, nullable: true },
    lastError: { type: 'text', nullable: true },
    queue: { type: 'string', length: 200, nullable: true, defaultRaw: `current_setting('hub.outbox'::text, true)` },
    createdAt: { type: 'datetime', length: 6 },
  },
});

import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { MissionEntity } from './mission.entity';
import { schemeRef } from './scheme-ref';

/**
 * What one event counted toward one mission for one customer. Unique per
 * (mission, customer, event key): an event applied twice is a no-op by
 * constraint. A return finds the sale's contributions here to roll them back.
 */
export class MissionContributionEntity {
  id!: string;
  schemeId!: string;
  missionId!: string;
  customerId!: string;
  eventKey!: string;
  amount!: string;
  completed: number[] = [];
  rewardKeys: string[] = [];
  saleUniqueId: string | null = null;
  reversibleUntil: Date | null = null;
  rolledBackAt: Date | null = null;
  /** What applying the event did (its effect and status changes), so a retried activity answers the same. */
  outcome: Record<string, unknown> | null = null;
  createdAt: Date = new Date();
}

export const MissionContributionSchema = new EntitySchema<MissionContributionEntity>({
  class: MissionContributionEntity,
  tableName: 'mission_contributions',
  uniques: [{ name: 'mission_contributions_event_unique', properties: ['missionId', 'customerId', 'eventKey'] }],
  indexes: [
    { name: 'mission_contributions_sale_index', properties: ['schemeId', 'saleUniqueId'] },
    // Stats: a scheme's counted contributions in a window, index-only (what the stats read rides along: no heap fetch per row).
    {
      name: 'mission_contributions_stats_index',
      expression:
        'create index "mission_contributions_stats_index" on "mission_contributions" ("scheme_id", "created_at") include ("mission_id", "customer_id", "amount", "completed") where rolled_back_at is null',
    },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    missionId: { kind: 'm:1', entity: () => MissionEntity, mapToPk: true, fieldName: 'mission_id', deleteRule: 'cascade' },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id' },
    eventKey: { type: 'string', length: 300 },
    amount: { type: new BigIntType('string') },
    completed: { type: 'json', default: '[]' },
    rewardKeys: { type: 'json', default: '[]' },
    saleUniqueId: { type: 'string', length: 200, nullable: true },
    reversibleUntil: { type: 'datetime', length: 6, nullable: true },
    rolledBackAt: { type: 'datetime', length: 6, nullable: true },
    outcome: { type: 'json', nullable: true },
    createdAt: { type: 'datetime', length: 6 },
  },
});

import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { MissionEntity } from './mission.entity';
import { schemeRef } from './scheme-ref';

/**
 * One customer's progress in one mission; every change happens under this
 * row's lock. `generation` counts undone repetitions, so a repetition
 * completed again after a return gets a fresh reward key.
 */
export class MissionProgressEntity {
  missionId!: string;
  customerId!: string;
  schemeId!: string;
  counter = '0';
  timesAchieved = 0;
  periodKey: string | null = null;
  periodCompletions = 0;
  generation = 0;
  /** Reward of each repetition held now: its ledger key and points, so a rollback reverses exactly that posting. */
  rewards: Record<string, { key: string; points: string }> = {};
  updatedAt: Date = new Date();
}

export const MissionProgressSchema = new EntitySchema<MissionProgressEntity>({
  class: MissionProgressEntity,
  tableName: 'mission_progress',
  indexes: [{ name: 'mission_progress_customer_index', properties: ['customerId'] }],
  checks: [{ name: 'mission_progress_counts_check', expression: 'counter >= 0 and times_achieved >= 0 and period_completions >= 0' }],
  properties: {
    missionId: { kind: 'm:1', entity: () => MissionEntity, mapToPk: true, fieldName: 'mission_id', primary: true, deleteRule: 'cascade' },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id', primary: true },
    schemeId: schemeRef,
    counter: { type: new BigIntType('string'), default: 0 },
    timesAchieved: { type: 'integer', default: 0 },
    periodKey: { type: 'string', length: 20, nullable: true },
    periodCompletions: { type: 'integer', default: 0 },
    generation: { type: 'integer', default: 0 },
    rewards: { type: 'json', default: '{}' },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

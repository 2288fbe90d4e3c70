import { AudienceEntity } from './audience.entity';
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { LedgerAccountEntity } from './ledger-account.entity';
import { schemeRef } from './scheme-ref';

/** A mission (the seed's Mission): count events of a type that match, reward each repetition of the goal. */
export class MissionEntity {
  id!: string;
  schemeId!: string;
  code!: string;
  name!: string;
  shortDescription: string | null = null;
  description: string | null = null;
  pictureUrl: string | null = null;
  type: string | null = null;
  tags: string[] = [];
  active!: boolean;
  validFrom: Date | null = null;
  validTo: Date | null = null;
  eventType!: string;
  matcher: Record<string, unknown> | null = null;
  incrementBy: Record<string, unknown> | null = null;
  goalCount!: string;
  maxRepetitions!: number;
  repetitionPeriod: string | null = null;
  periodLimit: number | null = null;
  pointsAccrual!: string;
  ledgerAccountId: string | null = null;
  audienceId: string | null = null;
  customAttributes: Record<string, unknown> = {};
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const MissionSchema = new EntitySchema<MissionEntity>({
  class: MissionEntity,
  tableName: 'missions',
  uniques: [{ name: 'missions_scheme_code_unique', properties: ['schemeId', 'code'] }],
  indexes: [{ name: 'missions_scheme_event_type_index', properties: ['schemeId', 'eventType'] }],
  checks: [{ name: 'missions_limits_check', expression: 'goal_count >= 1 and max_repetitions >= 1 and points_accrual >= 0 and (period_limit is null or period_limit >= 1)' }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    code: { type: 'string', length: 100 },
    name: { type: 'string', length: 200 },
    shortDescription: { type: 'string', length: 500, nullable: true },
    description: { type: 'text', nullable: true },
    pictureUrl: { type: 'string', length: 1000, nullable: true },
    type: { type: 'string', length: 60, nullable: true },
    tags: { type: 'json', default: '[]' },
    active: { type: 'boolean' },
    validFrom: { type: 'datetime', length: 6, nullable: true },
    validTo: { type: 'datetime', length: 6, nullable: true },
    eventType: { type: 'string', length: 100 },
    matcher: { type: 'json', nullable: true },
    incrementBy: { type: 'json', nullable: true },
    goalCount: { type: new BigIntType('string') },
    maxRepetitions: { type: 'integer' },
    repetitionPeriod: { type: 'string', length: 10, nullable: true },
    periodLimit: { type: 'integer', nullable: true },
    pointsAccrual: { type: new BigIntType('string') },
    ledgerAccountId: { kind: 'm:1', entity: () => LedgerAccountEntity, mapToPk: true, fieldName: 'ledger_account_id', nullable: true },
    /** Only members of this audience count (judged when an event is counted). */
    audienceId: { kind: 'm:1', entity: () => AudienceEntity, mapToPk: true, fieldName: 'audience_id', nullable: true, deleteRule: 'restrict' },
    customAttributes: { type: 'json', default: '{}' },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

import { AudienceEntity } from './audience.entity';
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { LedgerAccountEntity } from './ledger-account.entity';
import { schemeRef } from './scheme-ref';

/** A referral programme (the seed's ReferralsProgram); `code` is unique per scheme. */
export class ReferralProgramEntity {
  id!: string;
  schemeId!: string;
  name!: string;
  description: string | null = null;
  pictureUrl: string | null = null;
  code!: string;
  active!: boolean;
  validFrom: Date | null = null;
  validTo: Date | null = null;
  maxPerCode!: number;
  maxReferralsPerMember!: string;
  eventType!: string;
  minPurchaseMinor: string | null = null;
  referrerPoints!: string;
  referredPoints!: string;
  referrerAccountId: string | null = null;
  audienceId: string | null = null;
  referredAccountId: string | null = null;
  qualifyWithinSeconds!: number;
  reverseOnReturn!: boolean;
  tags: string[] = [];
  customAttributes: Record<string, unknown> = {};
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const ReferralProgramSchema = new EntitySchema<ReferralProgramEntity>({
  class: ReferralProgramEntity,
  tableName: 'referral_programs',
  uniques: [{ name: 'referral_programs_scheme_code_unique', properties: ['schemeId', 'code'] }],
  checks: [
    { name: 'referral_programs_limits_check', expression: 'max_per_code >= 1 and max_referrals_per_member >= 1 and qualify_within_seconds >= 1' },
    { name: 'referral_programs_points_check', expression: 'referrer_points >= 0 and referred_points >= 0' },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    name: { type: 'string', length: 200 },
    description: { type: 'text', nullable: true },
    pictureUrl: { type: 'string', length: 1000, nullable: true },
    code: { type: 'string', length: 100 },
    active: { type: 'boolean' },
    validFrom: { type: 'datetime', length: 6, nullable: true },
    validTo: { type: 'datetime', length: 6, nullable: true },
    maxPerCode: { type: 'integer' },
    maxReferralsPerMember: { type: new BigIntType('string') },
    eventType: { type: 'string', length: 60 },
    minPurchaseMinor: { type: new BigIntType('string'), nullable: true },
    referrerPoints: { type: new BigIntType('string') },
    referredPoints: { type: new BigIntType('string') },
    referrerAccountId: { kind: 'm:1', entity: () => LedgerAccountEntity, mapToPk: true, fieldName: 'referrer_account_id', nullable: true },
    /** Only members of this audience may refer (hold codes, have them used). */
    audienceId: { kind: 'm:1', entity: () => AudienceEntity, mapToPk: true, fieldName: 'audience_id', nullable: true, deleteRule: 'restrict' },
    referredAccountId: { kind: 'm:1', entity: () => LedgerAccountEntity, mapToPk: true, fieldName: 'referred_account_id', nullable: true },
    qualifyWithinSeconds: { type: 'integer' },
    reverseOnReturn: { type: 'boolean' },
    tags: { type: 'json', default: '[]' },
    customAttributes: { type: 'json', default: '{}' },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { ReferralProgramEntity } from './referral-program.entity';

/**
 * A referrer's rewarded referrals in a programme. Incremented by a
 * conditional upsert against `max_referrals_per_member` in the reward's own
 * transaction: two referrals qualifying at once cannot both take the last slot.
 */
export class ReferralReferrerEntity {
  programId!: string;
  customerId!: string;
  rewarded = '0';
}

export const ReferralReferrerSchema = new EntitySchema<ReferralReferrerEntity>({
  class: ReferralReferrerEntity,
  tableName: 'referral_referrers',
  checks: [{ name: 'referral_referrers_rewarded_check', expression: 'rewarded >= 0' }],
  properties: {
    programId: { kind: 'm:1', entity: () => ReferralProgramEntity, mapToPk: true, fieldName: 'program_id', primary: true, deleteRule: 'cascade' },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id', primary: true },
    rewarded: { type: new BigIntType('string'), default: 0 },
  },
});

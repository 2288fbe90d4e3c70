import { EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { ReferralProgramEntity } from './referral-program.entity';
import { schemeRef } from './scheme-ref';

/**
 * A referrer's code. Unique per scheme, so a code alone names its programme.
 * `uses` counts the referrals made with it; it only moves by a conditional
 * update against the programme's `max_per_code`, so the limit is a row fact.
 */
export class ReferralCodeEntity {
  id!: string;
  schemeId!: string;
  programId!: string;
  customerId!: string;
  code!: string;
  uses = 0;
  createdAt: Date = new Date();
}

export const ReferralCodeSchema = new EntitySchema<ReferralCodeEntity>({
  class: ReferralCodeEntity,
  tableName: 'referral_codes',
  uniques: [{ name: 'referral_codes_scheme_code_unique', properties: ['schemeId', 'code'] }],
  indexes: [{ name: 'referral_codes_program_customer_index', properties: ['programId', 'customerId'] }],
  checks: [{ name: 'referral_codes_uses_check', expression: 'uses >= 0' }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    programId: { kind: 'm:1', entity: () => ReferralProgramEntity, mapToPk: true, fieldName: 'program_id', deleteRule: 'cascade' },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id' },
    code: { type: 'string', length: 40 },
    uses: { type: 'integer', default: 0 },
    createdAt: { type: 'datetime', length: 6 },
  },
});

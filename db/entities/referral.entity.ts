import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { ReferralCodeEntity } from './referral-code.entity';
import { ReferralProgramEntity } from './referral-program.entity';
import { schemeRef } from './scheme-ref';

/**
 * One referred customer. Unique per (scheme, referred customer): one referrer
 * each. The terms are copied from the programme when the referral is made.
 */
export class ReferralEntity {
  id!: string;
  schemeId!: string;
  programId!: string;
  codeId!: string;
  referrerCustomerId!: string;
  referredCustomerId!: string;
  status: 'PENDING' | 'QUALIFIED' | 'EXPIRED' | 'REVERSED' = 'PENDING';
  terms!: Record<string, unknown>;
  expiresAt!: Date;
  referrerPaid = '0';
  referredPaid = '0';
  note: string | null = null;
  qualifyingEventKey: string | null = null;
  qualifyingSaleId: string | null = null;
  qualifiedAt: Date | null = null;
  closedAt: Date | null = null;
  reversal: Record<string, unknown> | null = null;
  workflowId!: string;
  createdAt: Date = new Date();
}

export const ReferralSchema = new EntitySchema<ReferralEntity>({
  class: ReferralEntity,
  tableName: 'referrals',
  uniques: [{ name: 'referrals_scheme_referred_unique', properties: ['schemeId', 'referredCustomerId'] }],
  indexes: [
    { name: 'referrals_code_created_index', properties: ['codeId', 'createdAt'] },
    { name: 'referrals_program_referrer_index', properties: ['programId', 'referrerCustomerId'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    programId: { kind: 'm:1', entity: () => ReferralProgramEntity, mapToPk: true, fieldName: 'program_id', deleteRule: 'cascade' },
    codeId: { kind: 'm:1', entity: () => ReferralCodeEntity, mapToPk: true, fieldName: 'code_id', deleteRule: 'cascade' },
    referrerCustomerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'referrer_customer_id' },
    referredCustomerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'referred_customer_id' },
    status: { type: 'string', length: 10, default: 'PENDING' },
    terms: { type: 'json' },
    expiresAt: { type: 'datetime', length: 6 },
    referrerPaid: { type: new BigIntType('string'), default: 0 },
    referredPaid: { type: new BigIntType('string'), default: 0 },
    note: { type: 'text', nullable: true },
    qualifyingEventKey: { type: 'string', length: 300, nullable: true },
    qualifyingSaleId: { type: 'string', length: 200, nullable: true },
    qualifiedAt: { type: 'datetime', length: 6, nullable: true },
    closedAt: { type: 'datetime', length: 6, nullable: true },
    reversal: { type: 'json', nullable: true },
    workflowId: { type: 'string', length: 300 },
    createdAt: { type: 'datetime', length: 6 },
  },
});

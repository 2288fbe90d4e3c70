import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { schemeRef } from './scheme-ref';

/**
 * A scheme's tier (the seed's Loyalty Tier): reached when the customer's
 * accrual (points earned in the scheme's window, domain/tiers/) is at least
 * `minRequiredPoints`; the highest `tierOrder` reached wins. The hub adds
 * `earnMultiplierPercent`: a sale by a member of the tier earns that share
 * of the rules' points (100 = as the rules say).
 */
export class LoyaltyTierEntity {
  id!: string;
  schemeId!: string;
  name!: string;
  active = true;
  minRequiredPoints = '0';
  tierOrder!: number;
  isDefault = false;
  customAttributes: Record<string, unknown> = {};
  pictureUrl: string | null = null;
  earnMultiplierPercent = 100;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const LoyaltyTierSchema = new EntitySchema<LoyaltyTierEntity>({
  class: LoyaltyTierEntity,
  tableName: 'loyalty_tiers',
  uniques: [
    { name: 'loyalty_tiers_scheme_name_unique', properties: ['schemeId', 'name'] },
    { name: 'loyalty_tiers_scheme_order_unique', properties: ['schemeId', 'tierOrder'] },
  ],
  indexes: [{ name: 'loyalty_tiers_one_default', expression: 'create unique index "loyalty_tiers_one_default" on "loyalty_tiers" ("scheme_id") where is_default' }],
  checks: [{ name: 'loyalty_tiers_values_check', expression: 'min_required_points >= 0 and earn_multiplier_percent >= 0 and earn_multiplier_percent <= 1000' }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    name: { type: 'string', length: 200 },
    active: { type: 'boolean', default: true },
    minRequiredPoints: { type: new BigIntType('string') },
    tierOrder: { type: 'integer' },
    isDefault: { type: 'boolean', default: false },
    customAttributes: { type: 'json', default: '{}' },
    pictureUrl: { type: 'string', length: 2000, nullable: true },
    earnMultiplierPercent: { type: 'integer', default: 100 },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

/** A customer's tier now: reached by accrual, or set by hand (held until `expiresAt`, or until set again). */
export class CustomerTierEntity {
  customerId!: string;
  schemeId!: string;
  tierId: string | null = null;
  source: 'accrual' | 'manual' = 'accrual';
  expiresAt: Date | null = null;
  updatedAt: Date = new Date();
}

export const CustomerTierSchema = new EntitySchema<CustomerTierEntity>({
  class: CustomerTierEntity,
  tableName: 'customer_tiers',
  indexes: [{ name: 'customer_tiers_manual_expiry_index', expression: 'create index "customer_tiers_manual_expiry_index" on "customer_tiers" ("scheme_id", "expires_at") where source = \'manual\' and expires_at is not null' }],
  properties: {
    customerId: { kind: '1:1', entity: () => CustomerEntity, primary: true, mapToPk: true, fieldName: 'customer_id', owner: true, deleteRule: 'cascade' },
    schemeId: schemeRef,
    tierId: { kind: 'm:1', entity: () => LoyaltyTierEntity, mapToPk: true, fieldName: 'tier_id', nullable: true, deleteRule: 'set null' },
    source: { type: 'string', length: 10, default: 'accrual' },
    expiresAt: { type: 'datetime', length: 6, nullable: true },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

/** Every tier change, once: from, to, why, the accrual it was judged on, and when. */
export class TierChangeEntity {
  id!: string;
  schemeId!: string;
  customerId!: string;
  fromTierId: string | null = null;
  toTierId: string | null = null;
  reason!: string;
  accrual: string | null = null;
  changedAt: Date = new Date();
}

export const TierChangeSchema = new EntitySchema<TierChangeEntity>({
  class: TierChangeEntity,
  tableName: 'tier_changes',
  indexes: [{ name: 'tier_changes_customer_index', properties: ['customerId', 'changedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    schemeId: schemeRef,
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id', deleteRule: 'cascade' },
    fromTierId: { type: 'uuid', nullable: true },
    toTierId: { type: 'uuid', nullable: true },
    reason: { type: 'string', length: 40 },
    accrual: { type: new BigIntType('string'), nullable: true },
    changedAt: { type: 'datetime', length: 6 },
  },
});

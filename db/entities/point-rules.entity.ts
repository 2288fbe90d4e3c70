import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { SchemeEntity } from './scheme.entity';

/** A scheme's earn and redemption rates and its point overrides (one row per scheme). */
export class PointRulesEntity {
  schemeId!: string;
  earnPerUnit = '0';
  redeemPointsPerUnit = '0';
  overrides: Array<{ match: 'sku' | 'vendor' | 'category'; value: string; earnPerUnit: string; pointsPerItem?: string }> = [];
  /** Points of a sale stay pending this long (0: available at once). */
  returnWindowSeconds = 0;
  returnPolicy: 'within_balance' | 'allow_negative' = 'within_balance';
  /** `points-expiring` is announced this many days before points expire. */
  expiryNoticeDays = 30;
  /** Tiers are judged on points earned in this many months, rolling (null: lifetime). */
  tierWindowMonths: number | null = 12;
  updatedAt: Date = new Date();
}

export const PointRulesSchema = new EntitySchema<PointRulesEntity>({
  class: PointRulesEntity,
  tableName: 'point_rules',
  checks: [
    { name: 'point_rules_rates_check', expression: 'earn_per_unit >= 0 and redeem_points_per_unit >= 0' },
    { name: 'point_rules_return_window_check', expression: 'return_window_seconds >= 0' },
  ],
  properties: {
    schemeId: { kind: '1:1', entity: () => SchemeEntity, primary: true, mapToPk: true, fieldName: 'scheme_id', owner: true, deleteRule: 'cascade' },
    earnPerUnit: { type: new BigIntType('string') },
    redeemPointsPerUnit: { type: new BigIntType('string') },
    overrides: { type: 'json', default: '[]' },
    returnWindowSeconds: { type: 'integer', default: 0 },
    returnPolicy: { type: 'string', length: 20, default: 'within_balance' },
    expiryNoticeDays: { type: 'integer', default: 30 },
    tierWindowMonths: { type: 'integer', nullable: true, default: 12 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { SchemeEntity } from './scheme.entity';

/** A scheme's earn and redemption rates and its point overrides (one row per scheme). */
export class PointRulesEntity {
  schemeId!: string;
  earnPerUnit = '0';
  redeemPointsPerUnit = '0';
  overrides: Array<{ match: 'sku' | 'vendor' | 'category'; value: string; earnPerUnit: string }> = [];
  updatedAt: Date = new Date();
}

export const PointRulesSchema = new EntitySchema<PointRulesEntity>({
  class: PointRulesEntity,
  tableName: 'point_rules',
  checks: [{ name: 'point_rules_rates_check', expression: 'earn_per_unit >= 0 and redeem_points_per_unit >= 0' }],
  properties: {
    schemeId: { kind: '1:1', entity: () => SchemeEntity, primary: true, mapToPk: true, fieldName: 'scheme_id', owner: true, deleteRule: 'cascade' },
    earnPerUnit: { type: new BigIntType('string') },
    redeemPointsPerUnit: { type: new BigIntType('string') },
    overrides: { type: 'json', default: '[]' },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

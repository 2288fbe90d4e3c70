import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { OutletEntity } from './outlet.entity';
import { SchemeEntity } from './scheme.entity';

/** A scheme's Loyalty+ POS settings (domain/pos/settings.ts); no row: the defaults. */
export class PosSettingsEntity {
  schemeId!: string;
  checkinMode: 'SPEND' | 'UNIT' = 'SPEND';
  unitSku = 'unit';
  rewardThreshold = '100';
  rewardTitle = 'Reward';
  defaultOutletId: string | null = null;
  storeOutlets: Record<string, string> = {};
  dedupWindowSeconds = 120;
  updatedAt: Date = new Date();
}

export const PosSettingsSchema = new EntitySchema<PosSettingsEntity>({
  class: PosSettingsEntity,
  tableName: 'pos_settings',
  checks: [
    { name: 'pos_settings_reward_threshold_check', expression: 'reward_threshold > 0' },
    { name: 'pos_settings_dedup_window_check', expression: 'dedup_window_seconds >= 10 and dedup_window_seconds <= 3600' },
  ],
  properties: {
    schemeId: { kind: '1:1', entity: () => SchemeEntity, primary: true, mapToPk: true, fieldName: 'scheme_id', owner: true, deleteRule: 'cascade' },
    checkinMode: { type: 'string', length: 5, default: 'SPEND' },
    unitSku: { type: 'string', length: 100, default: 'unit' },
    rewardThreshold: { type: new BigIntType('string'), default: 100 },
    rewardTitle: { type: 'string', length: 200, default: 'Reward' },
    defaultOutletId: { kind: 'm:1', entity: () => OutletEntity, mapToPk: true, fieldName: 'default_outlet_id', nullable: true, deleteRule: 'set null' },
    storeOutlets: { type: 'json', defaultRaw: `'{}'` },
    dedupWindowSeconds: { type: 'integer', default: 120 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';
import { TransferEntity } from './transfer.entity';
import { WalletEntity } from './wallet.entity';

/**
 * Points earned into an expiring account, as one lot: what the credit brought
 * (`amount`), what is left of it (`remaining`), what expired, and when it
 * does. Written only by the ledger's own trigger (db/ledger/sql/lots.sql.ts),
 * inside the transaction that posts the transfer, under the wallet's lock.
 */
export class PointLotEntity {
  id!: string;
  schemeId!: string;
  walletId!: string;
  transferId: string | null = null;
  amount!: string;
  remaining!: string;
  expired = '0';
  /** How many times the lot expired (an un-expired lot can expire again): the next expiry's key, never reused. */
  expiries = 0;
  earnedAt!: Date;
  expiresAt!: Date;
  noticedAt: Date | null = null;
}

export const PointLotSchema = new EntitySchema<PointLotEntity>({
  class: PointLotEntity,
  tableName: 'point_lots',
  indexes: [
    // A wallet's live lots in the order they are spent (first to expire first); the sweep's due lots per scheme.
    { name: 'point_lots_wallet_live_index', expression: 'create index "point_lots_wallet_live_index" on "point_lots" ("wallet_id", "expires_at", "earned_at") where remaining > 0' },
    // With the wallet: a month's lots of a scheme all share (scheme, expires_at), and concurrent mints would all insert
    // into the same index leaf; the wallet spreads them.
    { name: 'point_lots_due_index', expression: 'create index "point_lots_due_index" on "point_lots" ("scheme_id", "expires_at", "wallet_id") where remaining > 0' },
    // Every lot of a wallet, spent ones too: a return's sale lots, the expired share, the verifier's sums.
    { name: 'point_lots_wallet_index', properties: ['walletId'] },
  ],
  checks: [{ name: 'point_lots_amounts_check', expression: 'remaining >= 0 and expired >= 0 and remaining + expired <= amount' }],
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    schemeId: schemeRef,
    walletId: { kind: 'm:1', entity: () => WalletEntity, mapToPk: true, fieldName: 'wallet_id', deleteRule: 'cascade' },
    // One credit forms at most one lot; none formed the opening lot of a balance that predates the account's expiry.
    transferId: { kind: 'm:1', entity: () => TransferEntity, mapToPk: true, fieldName: 'transfer_id', nullable: true, unique: 'point_lots_transfer_unique', deleteRule: 'cascade' },
    amount: { type: new BigIntType('string') },
    remaining: { type: new BigIntType('string') },
    expired: { type: new BigIntType('string'), default: 0 },
    expiries: { type: 'integer', default: 0 },
    earnedAt: { type: 'datetime', length: 6 },
    expiresAt: { type: 'datetime', length: 6 },
    noticedAt: { type: 'datetime', length: 6, nullable: true },
  },
});

/** What one transfer took from one lot (a hold's reservation, a burn, an expiry); given back on void, reversal or return. */
export class LotConsumptionEntity {
  id!: string;
  lotId!: string;
  transferId!: string;
  amount!: string;
}

export const LotConsumptionSchema = new EntitySchema<LotConsumptionEntity>({
  class: LotConsumptionEntity,
  tableName: 'lot_consumptions',
  indexes: [
    { name: 'lot_consumptions_transfer_index', properties: ['transferId'] },
    { name: 'lot_consumptions_lot_index', properties: ['lotId'] },
  ],
  checks: [{ name: 'lot_consumptions_amount_check', expression: 'amount >= 0' }],
  properties: {
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    lotId: { kind: 'm:1', entity: () => PointLotEntity, mapToPk: true, fieldName: 'lot_id', deleteRule: 'cascade' },
    transferId: { kind: 'm:1', entity: () => TransferEntity, mapToPk: true, fieldName: 'transfer_id', deleteRule: 'cascade' },
    amount: { type: new BigIntType('string') },
  },
});

/** Points a wallet spent beyond its lots (an allowed overdraft): the next credits pay it before forming a lot. */
export class LotDebtEntity {
  walletId!: string;
  amount!: string;
}

export const LotDebtSchema = new EntitySchema<LotDebtEntity>({
  class: LotDebtEntity,
  tableName: 'lot_debts',
  checks: [{ name: 'lot_debts_amount_check', expression: 'amount >= 0' }],
  properties: {
    walletId: { kind: 'm:1', entity: () => WalletEntity, mapToPk: true, primary: true, fieldName: 'wallet_id', deleteRule: 'cascade' },
    amount: { type: new BigIntType('string') },
  },
});

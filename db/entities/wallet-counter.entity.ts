import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { WalletEntity } from './wallet.entity';

/**
 * Slices of a system wallet's totals (issuance, redemption, expiry). Every
 * mint and burn of a scheme touches the same system wallet; adding to one of
 * its slices instead of its row lets postings of different customers commit
 * side by side (two requests contend only when they pick the same slice). A
 * system wallet's totals are its row plus the sum of its slices; a slice may
 * hold a negative pending total (a hold placed in one slice, resolved in another).
 */
export class WalletCounterEntity {
  walletId!: string;
  slot!: number;
  debitsPosted = '0';
  creditsPosted = '0';
  debitsPending = '0';
  creditsPending = '0';
}

export const WalletCounterSchema = new EntitySchema<WalletCounterEntity>({
  class: WalletCounterEntity,
  tableName: 'wallet_counters',
  properties: {
    walletId: { kind: 'm:1', entity: () => WalletEntity, mapToPk: true, primary: true, fieldName: 'wallet_id', deleteRule: 'cascade' },
    slot: { type: 'smallint', primary: true },
    debitsPosted: { type: new BigIntType('string'), default: 0 },
    creditsPosted: { type: new BigIntType('string'), default: 0 },
    debitsPending: { type: new BigIntType('string'), default: 0 },
    creditsPending: { type: new BigIntType('string'), default: 0 },
  },
});

import { EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { schemeRef } from './scheme-ref';
import { WalletEntity } from './wallet.entity';

/**
 * The customer whose stored value a gift card holds: set by the card's first
 * top-up at a till. The primary key (one holder per card) decides racing
 * top-ups. Not the wallet's customer_id, which means "a points wallet of this
 * customer" to tiers, lots, returns and balances.
 */
export class GiftCardHolderEntity {
  walletId!: string;
  schemeId!: string;
  customerId!: string;
  linkedAt: Date = new Date();
}

export const GiftCardHolderSchema = new EntitySchema<GiftCardHolderEntity>({
  class: GiftCardHolderEntity,
  tableName: 'gift_card_holders',
  properties: {
    walletId: { kind: 'm:1', entity: () => WalletEntity, mapToPk: true, fieldName: 'wallet_id', primary: true, deleteRule: 'cascade' },
    schemeId: schemeRef,
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id', deleteRule: 'cascade', index: true },
    linkedAt: { type: 'datetime', length: 6, defaultRaw: 'now()' },
  },
});

import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { WalletKind } from '../../domain/ledger/wallet';
import { CustomerEntity } from './customer.entity';
import { LedgerAccountEntity } from './ledger-account.entity';
import { schemeRef } from './scheme-ref';

/**
 * A wallet's four totals change only inside the ledger engine's transaction,
 * together with the transfer rows that explain them. `ownerKey` makes "one
 * wallet per customer per account" and "one of each system wallet" a single
 * unique constraint (NULL customer ids would not collide).
 */
export class WalletEntity {
  id!: string;
  schemeId!: string;
  accountId!: string;
  kind!: WalletKind;
  customerId: string | null = null;
  ownerKey!: string;
  debitsPosted = '0';
  creditsPosted = '0';
  debitsPending = '0';
  creditsPending = '0';
  createdAt: Date = new Date();
}

export const WalletSchema = new EntitySchema<WalletEntity>({
  class: WalletEntity,
  tableName: 'wallets',
  uniques: [{ name: 'wallets_account_owner_unique', properties: ['accountId', 'ownerKey'] }],
  indexes: [{ name: 'wallets_customer_id_index', properties: ['customerId'] }],
  checks: [
    {
      name: 'wallets_totals_check',
      expression: 'debits_posted >= 0 and credits_posted >= 0 and debits_pending >= 0 and credits_pending >= 0',
    },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    accountId: { kind: 'm:1', entity: () => LedgerAccountEntity, mapToPk: true, fieldName: 'account_id', deleteRule: 'cascade' },
    kind: { type: 'string', length: 16 },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id', nullable: true },
    ownerKey: { type: 'string', length: 64 },
    debitsPosted: { type: new BigIntType('string'), default: 0 },
    creditsPosted: { type: new BigIntType('string'), default: 0 },
    debitsPending: { type: new BigIntType('string'), default: 0 },
    creditsPending: { type: new BigIntType('string'), default: 0 },
    createdAt: { type: 'datetime', length: 6 },
  },
});

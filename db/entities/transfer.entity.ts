import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { LedgerAccountEntity } from './ledger-account.entity';
import { schemeRef } from './scheme-ref';
import { WalletEntity } from './wallet.entity';

export const transferStatuses = ['posted', 'pending', 'posted_from_pending', 'voided', 'expired'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

/**
 * Immutable. A pending transfer is resolved by a second row pointing at it
 * (`pendingId`, unique: resolved at most once); a reversal is a new row
 * pointing at the original (`reversalOf`, unique: reversed at most once).
 */
export class TransferEntity {
  id!: string;
  schemeId!: string;
  accountId!: string;
  debitWalletId!: string;
  creditWalletId!: string;
  amount!: string;
  status!: TransferStatus;
  code!: string;
  description: string | null = null;
  tags: string[] = [];
  metadata: Record<string, unknown> = {};
  externalId: string | null = null;
  externalEventDate: Date | null = null;
  systemUniqueKey!: string;
  requestHash!: string;
  pendingId: string | null = null;
  timeoutAt: Date | null = null;
  reversalOf: string | null = null;
  atomicSetId: string | null = null;
  allowOverdraft = false;
  createdAt: Date = new Date();
}

export const TransferSchema = new EntitySchema<TransferEntity>({
  class: TransferEntity,
  tableName: 'transfers',
  uniques: [
    { name: 'transfers_scheme_system_unique_key_unique', properties: ['schemeId', 'systemUniqueKey'] },
    { name: 'transfers_pending_id_unique', properties: ['pendingId'] },
    { name: 'transfers_reversal_of_unique', properties: ['reversalOf'] },
  ],
  indexes: [
    { name: 'transfers_account_created_at_index', properties: ['accountId', 'createdAt'] },
    // By wallet and time: a wallet's history, and a customer's accrual over a window (db/ledger/sql/tiers.sql.ts).
    { name: 'transfers_debit_wallet_created_at_index', properties: ['debitWalletId', 'createdAt'] },
    { name: 'transfers_credit_wallet_created_at_index', properties: ['creditWalletId', 'createdAt'] },
    // A replayed atomic set is read back by its id.
    { name: 'transfers_atomic_set_index', properties: ['atomicSetId'] },
  ],
  checks: [
    { name: 'transfers_amount_check', expression: 'amount > 0 and amount <= 18446744073709' },
    { name: 'transfers_wallets_check', expression: 'debit_wallet_id <> credit_wallet_id' },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    accountId: { kind: 'm:1', entity: () => LedgerAccountEntity, mapToPk: true, fieldName: 'account_id' },
    debitWalletId: { kind: 'm:1', entity: () => WalletEntity, mapToPk: true, fieldName: 'debit_wallet_id' },
    creditWalletId: { kind: 'm:1', entity: () => WalletEntity, mapToPk: true, fieldName: 'credit_wallet_id' },
    amount: { type: new BigIntType('string') },
    status: { type: 'string', length: 24 },
    code: { type: 'string', length: 32 },
    description: { type: 'string', length: 1000, nullable: true },
    tags: { type: 'json', default: '[]' },
    metadata: { type: 'json', default: '{}' },
    externalId: { type: 'string', length: 255, nullable: true },
    externalEventDate: { type: 'datetime', length: 6, nullable: true },
    systemUniqueKey: { type: 'string', length: 255 },
    requestHash: { type: 'string', length: 64 },
    pendingId: { kind: 'm:1', entity: () => TransferEntity, mapToPk: true, fieldName: 'pending_id', nullable: true },
    timeoutAt: { type: 'datetime', length: 6, nullable: true },
    reversalOf: { kind: 'm:1', entity: () => TransferEntity, mapToPk: true, fieldName: 'reversal_of', nullable: true },
    atomicSetId: { type: 'uuid', nullable: true },
    allowOverdraft: { type: 'boolean', default: false },
    createdAt: { type: 'datetime', length: 6 },
  },
});

import type { Transfer, Wallet } from '../../domain/ledger/operations';
import type { WalletKind, WalletTotals } from '../../domain/ledger/wallet';

/** Raw rows as node-postgres returns them: bigint columns arrive as strings. */
export interface WalletRow {
  id: string;
  scheme_id: string;
  account_id: string;
  kind: WalletKind;
  customer_id: string | null;
  debits_posted: string;
  credits_posted: string;
  debits_pending: string;
  credits_pending: string;
}

export interface TransferRow {
  id: string;
  scheme_id: string;
  account_id: string;
  debit_wallet_id: string;
  credit_wallet_id: string;
  amount: string;
  status: Transfer['status'];
  code: string;
  description: string | null;
  tags: string[] | string;
  external_id: string | null;
  external_event_date: Date | string | null;
  system_unique_key: string;
  request_hash: string;
  pending_id: string | null;
  timeout_at: Date | string | null;
  reversal_of: string | null;
  atomic_set_id: string | null;
  allow_overdraft: boolean;
  created_at: Date | string;
}

export function totalsOf(row: Pick<WalletRow, 'debits_posted' | 'credits_posted' | 'debits_pending' | 'credits_pending'>): WalletTotals {
  return {
    debitsPosted: BigInt(row.debits_posted),
    creditsPosted: BigInt(row.credits_posted),
    debitsPending: BigInt(row.debits_pending),
    creditsPending: BigInt(row.credits_pending),
  };
}

export function toWallet(row: WalletRow): Wallet {
  return { id: row.id, accountId: row.account_id, kind: row.kind, customerId: row.customer_id, ...totalsOf(row) };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toTransfer(row: TransferRow): Transfer {
  return {
    id: row.id,
    accountId: row.account_id,
    debitWalletId: row.debit_wallet_id,
    creditWalletId: row.credit_wallet_id,
    amount: BigInt(row.amount),
    status: row.status,
    code: row.code,
    description: row.description,
    tags: typeof row.tags === 'string' ? (JSON.parse(row.tags) as string[]) : row.tags,
    externalId: row.external_id,
    externalEventDate: iso(row.external_event_date),
    systemUniqueKey: row.system_unique_key,
    pendingId: row.pending_id,
    timeoutAt: iso(row.timeout_at),
    reversalOf: row.reversal_of,
    atomicSetId: row.atomic_set_id,
    allowOverdraft: row.allow_overdraft,
    createdAt: iso(row.created_at) as string,
  };
}

import type { WalletKind } from './wallet';

/** Tracking fields the seed carries on every ledger mutation. */
export interface Tracking {
  code?: string;
  description?: string;
  tags?: string[];
  externalId?: string;
  externalEventDate?: string;
  metadata?: Record<string, unknown>;
}

interface Base extends Tracking {
  accountId: string;
}

/** One ledger operation; a request is a list of them applied all or nothing. */
export type LedgerOp =
  | (Base & { type: 'transfer'; fromWalletId: string; toWalletId: string; amount: bigint; pending?: boolean; timeoutAt?: string; allowOverdraft?: boolean })
  | (Base & { type: 'mint'; walletId: string; amount: bigint; pending?: boolean })
  | (Base & { type: 'burn'; walletId: string; amount: bigint; pending?: boolean; timeoutAt?: string; allowOverdraft?: boolean })
  | (Base & { type: 'capture'; pendingTransferId: string; amount?: bigint })
  | (Base & { type: 'void'; pendingTransferId: string })
  | (Base & { type: 'expire'; pendingTransferId: string })
  | (Base & { type: 'revert'; transferId: string; amount?: bigint });

export interface LedgerRequest {
  schemeId: string;
  /** Idempotency key, unique per scheme (the seed's systemUniqueKey). */
  systemUniqueKey: string;
  /** Hash of the canonical request: the same key with another request is refused. */
  requestHash: string;
  ops: LedgerOp[];
}

export type TransferStatus = 'posted' | 'pending' | 'posted_from_pending' | 'voided' | 'expired';

export interface Transfer {
  id: string;
  accountId: string;
  debitWalletId: string;
  creditWalletId: string;
  amount: bigint;
  status: TransferStatus;
  code: string;
  description: string | null;
  tags: string[];
  externalId: string | null;
  externalEventDate: string | null;
  systemUniqueKey: string;
  pendingId: string | null;
  timeoutAt: string | null;
  reversalOf: string | null;
  atomicSetId: string | null;
  allowOverdraft: boolean;
  createdAt: string;
}

export interface LedgerResult {
  transfers: Transfer[];
  /** True when the key had been applied before and this is its original result. */
  replayed: boolean;
}

export interface Wallet {
  id: string;
  accountId: string;
  kind: WalletKind;
  customerId: string | null;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
}

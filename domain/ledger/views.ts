import type { PageRequest } from '../pagination';
/** What the API shows of ledgers and accounts (the seed's shapes; amounts as decimal strings). */
export interface LedgerView {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  defaultAccountId: string | null;
  createdAt: string;
}

export interface LedgerAccountView {
  id: string;
  ledgerId: string;
  name: string;
  active: boolean;
  decimals: number;
  maxSupply: string | null;
  expiresInMonths: number | null;
  isDefaultAccount: boolean;
  createdAt: string;
}

export interface NewLedgerAccount {
  name: string;
  active: boolean;
  decimals?: number;
  maxSupply?: bigint | null;
  expiresInMonths?: number | null;
  isDefaultAccount?: boolean;
}

export interface WalletView {
  walletId: string;
  ledgerId: string;
  accountId: string;
  kind: string;
  customerId: string | null;
  available: string;
  posted: string;
  pending: string;
  debitsPosted: string;
  creditsPosted: string;
  debitsPending: string;
  creditsPending: string;
}

export interface TransferFilter extends PageRequest {
  order: 'asc' | 'desc';
  fromExternalEventDate?: string;
  toExternalEventDate?: string;
  systemUniqueKey?: string;
  walletId?: string;
  tags?: string[];
}

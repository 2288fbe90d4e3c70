import type { LedgerOp } from '../ledger/operations';
import type { Settlement } from './settle';

export interface ReturnWallets {
  accountId: string;
  customerWalletId: string;
  issuanceWalletId: string;
  redemptionWalletId: string;
  /** The account's breakage wallet, where expired points went. */
  expiryWalletId: string;
}

export interface GiftCardRefund {
  code: string;
  accountId: string;
  walletId: string;
  redemptionWalletId: string;
  amountMinor: bigint;
}

/**
 * The ledger legs of one return, applied as one atomic set, in this order:
 * the sale's pending earn is voided and re-posted smaller, redeemed points
 * come back from the redemption wallet, gift-card money goes back to the
 * cards, and the earned points go back to issuance (un-minted, so the points
 * outstanding stay right). `allow_negative` is the overdraw flag on that leg.
 */
export function returnLedgerOps(input: {
  wallets: ReturnWallets;
  settlement: Settlement;
  readded: bigint;
  pendingTransferId: string | null;
  giftCards: GiftCardRefund[];
  allowNegative: boolean;
  tracking: { externalId: string; description: string };
  /** The returned sale, if any: its points come out of that sale's expiry lots first, and redeemed points go back to the lots they were taken from. */
  saleUniqueId?: string | null;
}): LedgerOp[] {
  const { wallets: w, settlement: s } = input;
  const tracking = { ...input.tracking, tags: ['return'], ...(input.saleUniqueId ? { metadata: { saleUniqueId: input.saleUniqueId } } : {}) };
  const ops: LedgerOp[] = [];
  if (s.fromPending > 0n && input.pendingTransferId) {
    ops.push({ type: 'void', accountId: w.accountId, pendingTransferId: input.pendingTransferId, code: 'return_void_pending', ...tracking });
    if (s.pendingAfter > 0n) ops.push({ type: 'mint', accountId: w.accountId, walletId: w.customerWalletId, amount: s.pendingAfter, pending: true, code: 'earn_pending', ...tracking });
  }
  if (input.readded > 0n) {
    ops.push({ type: 'transfer', accountId: w.accountId, fromWalletId: w.redemptionWalletId, toWalletId: w.customerWalletId, amount: input.readded, code: 'return_readd', ...tracking });
  }
  for (const g of input.giftCards.filter((c) => c.amountMinor > 0n)) {
    ops.push({ type: 'transfer', accountId: g.accountId, fromWalletId: g.redemptionWalletId, toWalletId: g.walletId, amount: g.amountMinor, code: 'giftcard_refund', ...tracking });
  }
  if (s.fromExpired > 0n) {
    // The sale's expired points come back from breakage to the customer (the ledger un-expires the sale's lots) and
    // leave with the deduction below: un-minted as a return un-mints, without the customer paying for them twice.
    ops.push({ type: 'transfer', accountId: w.accountId, fromWalletId: w.expiryWalletId, toWalletId: w.customerWalletId, amount: s.fromExpired, code: 'return_expired', ...tracking });
  }
  if (s.fromAvailable + s.fromExpired > 0n) {
    ops.push({
      type: 'transfer',
      accountId: w.accountId,
      fromWalletId: w.customerWalletId,
      toWalletId: w.issuanceWalletId,
      amount: s.fromAvailable + s.fromExpired,
      // The settlement bounded what it takes; the expired share it un-expires is the customer's for this instant only.
      allowOverdraft: input.allowNegative || s.fromExpired > 0n,
      code: 'return_deduct',
      ...tracking,
    });
  }
  return ops;
}

/** A wallet's four running totals (TigerBeetle's account balances). All bigint, all ≥ 0. */
export interface WalletTotals {
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
}

export const walletKinds = ['customer', 'giftcard', 'issuance', 'redemption', 'expiry'] as const;
export type WalletKind = (typeof walletKinds)[number];

/** Wallets that hold someone's value and so may never be overdrawn without an explicit flag. */
export function isHolderWallet(kind: WalletKind): boolean {
  return kind === 'customer' || kind === 'giftcard';
}

export const zeroTotals = (): WalletTotals => ({ debitsPosted: 0n, creditsPosted: 0n, debitsPending: 0n, creditsPending: 0n });

/** What a customer can spend: posted credits less posted and pending debits. */
export function available(w: WalletTotals): bigint {
  return w.creditsPosted - w.debitsPosted - w.debitsPending;
}

/** Net posted balance (credit-normal). The issuance wallet's is minus the points outstanding. */
export function posted(w: WalletTotals): bigint {
  return w.creditsPosted - w.debitsPosted;
}

export function pendingOut(w: WalletTotals): bigint {
  return w.debitsPending;
}

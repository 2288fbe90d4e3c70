import { BusinessRuleError, ValidationError } from '../errors';
import { available, isHolderWallet, type WalletKind, type WalletTotals } from './wallet';
import { MAX_AMOUNT } from './amount';

/**
 * The pure rules of a posting. The engine locks the wallets, calls these on
 * the current totals, and writes what they return; nothing here does I/O.
 */
export interface Leg {
  debit: { kind: WalletKind; totals: WalletTotals };
  credit: { kind: WalletKind; totals: WalletTotals };
  amount: bigint;
}

export class InsufficientPointsError extends BusinessRuleError {
  constructor(availablePoints: bigint, requested: bigint) {
    super(`Insufficient points: ${availablePoints} available, ${requested} requested`, [
      { path: 'amount', message: 'exceeds the available balance', available: availablePoints.toString(), requested: requested.toString() },
    ]);
  }
}

/**
 * Only holders' wallets (customers, gift cards) are guarded: system wallets are
 * the other side of the books (issuance goes negative by design; its limit is maxSupply).
 */
export function assertCanDebit(wallet: { kind: WalletKind; totals: WalletTotals }, amount: bigint, allowOverdraft: boolean): void {
  if (!isHolderWallet(wallet.kind) || allowOverdraft) return;
  const left = available(wallet.totals);
  if (left < amount) throw new InsufficientPointsError(left < 0n ? 0n : left, amount);
}

/** Minting may not push the points outstanding (issuance debits less credits) past maxSupply. */
export function assertWithinSupply(issuance: WalletTotals, amount: bigint, maxSupply: bigint | null): void {
  if (maxSupply === null) return;
  const outstanding = issuance.debitsPosted + issuance.debitsPending - issuance.creditsPosted;
  if (outstanding + amount > maxSupply) {
    throw new BusinessRuleError(`Max supply reached: ${outstanding} of ${maxSupply} issued, ${amount} requested`, [
      { path: 'amount', message: 'exceeds the account max supply' },
    ]);
  }
}

export function postedLeg(t: WalletTotals, side: 'debit' | 'credit', amount: bigint): WalletTotals {
  return side === 'debit' ? { ...t, debitsPosted: t.debitsPosted + amount } : { ...t, creditsPosted: t.creditsPosted + amount };
}

export function pendingLeg(t: WalletTotals, side: 'debit' | 'credit', amount: bigint): WalletTotals {
  return side === 'debit' ? { ...t, debitsPending: t.debitsPending + amount } : { ...t, creditsPending: t.creditsPending + amount };
}

/** Resolving a pending amount: it leaves the pending totals, and `capture` of it enters the posted ones. */
export function resolvePendingLeg(t: WalletTotals, side: 'debit' | 'credit', pending: bigint, capture: bigint): WalletTotals {
  return side === 'debit'
    ? { ...t, debitsPending: t.debitsPending - pending, debitsPosted: t.debitsPosted + capture }
    : { ...t, creditsPending: t.creditsPending - pending, creditsPosted: t.creditsPosted + capture };
}

/** A capture takes between 1 and all of what was held; the rest is released. */
export function captureAmount(pending: bigint, requested: bigint | undefined): bigint {
  const amount = requested ?? pending;
  if (amount <= 0n || amount > pending) {
    throw new BusinessRuleError(`Capture amount must be between 1 and the ${pending} held`, [{ path: 'captureAmount', message: 'out of bounds' }]);
  }
  return amount;
}

/** A reversal moves value back, at most what the original moved; a transfer is reversed once. */
export function reversalAmount(original: bigint, requested: bigint | undefined): bigint {
  const amount = requested ?? original;
  if (amount <= 0n || amount > original) {
    throw new BusinessRuleError(`Reversal amount must be between 1 and the original ${original}`, [{ path: 'amount', message: 'out of bounds' }]);
  }
  return amount;
}

/**
 * Every amount the ledger posts is 1..MAX_AMOUNT, checked here for amounts
 * the hub computed (points for a sale, a partner's award) as well as those a
 * caller sent: a refusal with a reason, not a constraint violation.
 */
export function assertPostable(amount: bigint): void {
  if (amount <= 0n || amount > MAX_AMOUNT) {
    throw new ValidationError(`Amount ${amount} is outside what the ledger posts (1..${MAX_AMOUNT})`, [{ path: 'amount', message: `must be between 1 and ${MAX_AMOUNT}` }]);
  }
}

export function assertDistinctWallets(debitWalletId: string, creditWalletId: string): void {
  if (debitWalletId === creditWalletId) {
    throw new ValidationError('A transfer needs two different wallets', [{ path: 'toWalletId', message: 'same as fromWalletId' }]);
  }
}

import type { ReturnPolicy } from './types';

/** Where the points a return takes back come from, and what the customer is left with. */
export interface Settlement {
  /** Voided from the sale's still-pending points (they never became available). */
  fromPending: bigint;
  /** Taken back from the breakage wallet: the sale's points that had already expired (the customer lost them once). */
  fromExpired: bigint;
  /** Taken from the available balance. */
  fromAvailable: bigint;
  /** Owed but not taken (`within_balance` and the points were already spent). */
  shortfall: bigint;
  pendingAfter: bigint;
  availableBefore: bigint;
  availableAfter: bigint;
}

/**
 * Pending points of the returned sale go first, then what of its points has
 * expired (taken back from breakage, not from the customer a second time);
 * the rest comes out of the available balance after the re-added redemption
 * points are back in it.
 * `within_balance` never takes the balance below zero and records what it
 * could not take; `allow_negative` takes it all.
 */
export function settleReturn(input: { owed: bigint; readded: bigint; pending: bigint; available: bigint; policy: ReturnPolicy; expired?: bigint }): Settlement {
  const fromPending = input.owed < input.pending ? input.owed : input.pending;
  const afterPending = input.owed - fromPending;
  const expired = input.expired ?? 0n;
  const fromExpired = afterPending < expired ? afterPending : expired;
  const rest = afterPending - fromExpired;
  const spendable = input.available + input.readded;
  const cap = spendable > 0n ? spendable : 0n;
  const fromAvailable = input.policy === 'allow_negative' || rest <= cap ? rest : cap;
  return {
    fromPending,
    fromExpired,
    fromAvailable,
    shortfall: rest - fromAvailable,
    pendingAfter: input.pending - fromPending,
    availableBefore: input.available,
    availableAfter: spendable - fromAvailable,
  };
}

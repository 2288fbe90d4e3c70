import { BusinessRuleError, ValidationError } from '../errors';
import { MAX_AMOUNT } from '../ledger/amount';
import type { LedgerOp } from '../ledger/operations';

/** Who moved the points and under which request: kept on the transfer (its metadata), which the ledger never rewrites. */
export interface Actor {
  /** The API key's id, or `admin` for the admin token. */
  keyId: string;
  requestId?: string;
}

interface Target {
  accountId: string;
  walletId: string;
}

/**
 * A manual adjustment of a customer's points with its reason, as one ledger
 * operation: a mint when positive, a burn when negative (never below zero:
 * the ledger refuses an overdraft, so a refund cannot take points the customer
 * has already spent). The reason is the transfer's description, so the points
 * history shows it; code `adjustment` files it under that reason.
 */
export function adjustmentOp(points: bigint, reason: string, target: Target, actor: Actor): LedgerOp {
  if (points === 0n) throw new ValidationError('Invalid request', [{ path: 'body.points', message: 'must not be 0' }]);
  const amount = points < 0n ? -points : points;
  if (amount > MAX_AMOUNT) throw new ValidationError('Invalid request', [{ path: 'body.points', message: `must be between -${MAX_AMOUNT} and ${MAX_AMOUNT}` }]);
  const text = reason.trim();
  if (!text) throw new BusinessRuleError('An adjustment needs a reason');
  const tracking = { accountId: target.accountId, walletId: target.walletId, amount, code: 'adjustment', description: text, metadata: { actor } };
  return points > 0n ? { type: 'mint', ...tracking } : { type: 'burn', ...tracking };
}

/** Points added at the till (Loyale's top-up): a mint coded `topup`, exactly once by the till's uniqueId. */
export function topUpOp(points: bigint, description: string | undefined, target: Target, actor: Actor): LedgerOp {
  if (points <= 0n || points > MAX_AMOUNT) throw new ValidationError('Invalid request', [{ path: 'body.points', message: `must be between 1 and ${MAX_AMOUNT}` }]);
  return { type: 'mint', accountId: target.accountId, walletId: target.walletId, amount: points, code: 'topup', description: description ?? 'Top-up at the till', metadata: { actor } };
}

/** The ledger keys: one per operation and till request, so a repeat replays the first posting. */
export const adjustmentKey = (uniqueId: string) => `adjustment/${uniqueId}`;
export const topUpKey = (uniqueId: string) => `topup/${uniqueId}`;

/**
 * Stored value added at the till: a mint of minor units on a gift card the
 * customer holds (the card's first top-up makes them its holder; another
 * customer's card is refused), coded `giftcard_topup`, exactly once by the
 * till's uniqueId under the same key as a points top-up (one uniqueId, one
 * top-up, whichever kind).
 */
export function storedValueTopUpOp(amountMinor: bigint, description: string | undefined, card: Target & { code: string }, actor: Actor): LedgerOp {
  if (amountMinor <= 0n || amountMinor > MAX_AMOUNT) throw new ValidationError('Invalid request', [{ path: 'body.value', message: `must be between 0.01 and the ledger's bound` }]);
  return { type: 'mint', accountId: card.accountId, walletId: card.walletId, amount: amountMinor, code: 'giftcard_topup', description: description ?? `Stored value top-up on ${card.code}`, metadata: { actor } };
}

/** A card holds one customer's stored value: topping up someone else's is refused. */
export function assertHolder(holderId: string, customerId: string): void {
  if (holderId !== customerId) throw new BusinessRuleError('This gift card holds another customer’s stored value', [{ path: 'body.giftCardCode', message: 'held by another customer' }]);
}

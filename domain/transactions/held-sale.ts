import { ValidationError } from '../errors';
import { MAX_AMOUNT } from '../ledger/amount';
import type { LedgerOp } from '../ledger/operations';
import { pointsToPay, REDEMPTION } from './calculate';
import { toMinorUnits } from './money';
import { priceSale } from './price-sale';
import { rulesFromView, type SaleContext } from './ports';
import { saleLedgerOps, type SaleCommand, type SaleDecision } from './sale-decision';
import { recordedLines, saleResult } from './sale-result';

/** The points a hold reserves: given, or a currency amount at the redemption rate (rounded up, as a payment would be). */
export function pointsToHold(req: { points?: string; amount?: number }, ctx: Pick<SaleContext, 'rules' | 'currencyDecimals'>): bigint {
  const rules = rulesFromView(ctx.rules, ctx.currencyDecimals);
  const points = req.points !== undefined ? BigInt(req.points) : pointsToPay(toMinorUnits(req.amount ?? 0, ctx.currencyDecimals, 'body.amount'), rules);
  if (points <= 0n) throw new ValidationError('Nothing to hold', [{ path: 'body', message: 'points or amount must be above 0' }]);
  if (points > MAX_AMOUNT) throw new ValidationError('Too many points to hold', [{ path: req.points !== undefined ? 'body.points' : 'body.amount', message: `the hold must not exceed ${MAX_AMOUNT} points` }]);
  return points;
}

/** The pending burn that reserves a hold's points until `timeoutAt`. */
export function holdLedgerOp(p: { holdId: string; accountId: string; walletId: string; points: bigint; timeoutAt: string }): LedgerOp {
  return { type: 'burn', accountId: p.accountId, walletId: p.walletId, amount: p.points, pending: true, timeoutAt: p.timeoutAt, code: 'hold', externalId: p.holdId };
}

/**
 * A hold redeemed with its sale, pure: the held points pay first (at most
 * `held` points' worth, as Loyale Redemption), the other methods the rest.
 * The hold is captured for what was used (released when nothing was), and the
 * earn posts with it as one atomic set.
 */
export function decideHeldSale(cmd: SaleCommand & { pendingTransferId: string; held: bigint }, ctx: SaleContext): SaleDecision {
  const sale = { ...cmd.sale, payments: [...cmd.sale.payments.filter((p) => p.type !== REDEMPTION), { type: REDEMPTION }] };
  // The held points are what the redemption may use; the balance before the sale still includes them.
  const { calc, giftCardDebits } = priceSale(sale, { ...ctx, available: cmd.held.toString() }, cmd.uniqueId);
  const windowSeconds = ctx.rules.returnWindowSeconds;
  const pendingUntil = windowSeconds > 0 && calc.pointsEarned > 0n ? new Date(Date.parse(ctx.now) + windowSeconds * 1000).toISOString() : null;
  const result = saleResult(calc, {
    customerId: ctx.customerId,
    available: BigInt(ctx.available) + cmd.held,
    decimals: ctx.currencyDecimals,
    uniqueId: cmd.uniqueId,
    statusUrl: cmd.statusUrl,
    status: 'COMPLETED',
    earnPending: windowSeconds > 0,
    tier: ctx.tier ?? null,
  });
  const tracking = { externalId: cmd.uniqueId, tags: ['sale', 'hold'] };
  const resolve: LedgerOp =
    calc.pointsRedeemed > 0n
      ? { type: 'capture', accountId: ctx.accountId, pendingTransferId: cmd.pendingTransferId, amount: calc.pointsRedeemed, code: 'hold_capture', ...tracking }
      : { type: 'void', accountId: ctx.accountId, pendingTransferId: cmd.pendingTransferId, code: 'hold_void', ...tracking };
  // The redemption is the capture itself: only the gift cards and the earn come from the sale's legs.
  const legs = saleLedgerOps({ uniqueId: cmd.uniqueId, accountId: ctx.accountId, walletId: ctx.walletId, points: { pointsRedeemed: 0n, pointsEarned: calc.pointsEarned }, giftCardDebits, pending: windowSeconds > 0 });
  return {
    calc,
    ops: [resolve, ...legs.map((op) => ({ ...op, tags: tracking.tags }))],
    result: pendingUntil ? { ...result, pointsPending: Number(calc.pointsEarned), pendingUntil } : result,
    lines: recordedLines(calc),
    pendingUntil,
  };
}

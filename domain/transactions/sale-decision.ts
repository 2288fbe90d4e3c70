import type { LedgerOp } from '../ledger/operations';
import { hubEventKeys, type HubEvent } from '../events/hub-event';
import { batchOf, partnerSyncStep, type FollowUp, type FollowUpBatch } from '../follow-ups';
import type { SaleCalculation, SaleLine } from './calculate';
import { priceSale, type GiftCardDebit, type SaleRequest } from './price-sale';
import type { SaleContext } from './ports';
import { recordedLines, saleResult, type SaleResult } from './sale-result';

/** A sale as the till posted it, with its identity. */
export interface SaleCommand {
  schemeId: string;
  uniqueId: string;
  requestHash: string;
  statusUrl: string;
  sale: SaleRequest;
}

/** Everything a sale writes, decided before anything is written. */
export interface SaleDecision {
  calc: SaleCalculation;
  /** Redemption burn, gift-card burns and the earn mint, posted as one atomic set. */
  ops: LedgerOp[];
  /** The answer (pending fields included when the earn waits for the return window). */
  result: SaleResult;
  lines: ReturnType<typeof recordedLines>;
  /** When the earned points become available; null when they are available at once (or none were earned). */
  pendingUntil: string | null;
}

/**
 * The sale's decision, pure: price it (the same function `?simulate=true`
 * calls) against the context read under the wallet locks, and turn the price
 * into ledger legs. Throws the HubError that refuses it.
 */
export function decideSale(cmd: SaleCommand, ctx: SaleContext): SaleDecision {
  const { calc, giftCardDebits } = priceSale(cmd.sale, ctx, cmd.uniqueId);
  const windowSeconds = ctx.rules.returnWindowSeconds;
  const pendingUntil = windowSeconds > 0 && calc.pointsEarned > 0n ? new Date(Date.parse(ctx.now) + windowSeconds * 1000).toISOString() : null;
  const result = saleResult(calc, {
    customerId: ctx.customerId,
    available: BigInt(ctx.available),
    decimals: ctx.currencyDecimals,
    uniqueId: cmd.uniqueId,
    statusUrl: cmd.statusUrl,
    status: 'COMPLETED',
    earnPending: windowSeconds > 0,
    tier: ctx.tier ?? null,
  });
  return {
    calc,
    ops: saleLedgerOps({ uniqueId: cmd.uniqueId, accountId: ctx.accountId, walletId: ctx.walletId, points: calc, giftCardDebits, pending: windowSeconds > 0 }),
    result: pendingUntil ? { ...result, pointsPending: Number(calc.pointsEarned), pendingUntil } : result,
    lines: recordedLines(calc),
    pendingUntil,
  };
}

/** Redemption burn, gift-card burns, earn mint (pending during the return window). */
export function saleLedgerOps(p: {
  uniqueId: string;
  accountId: string;
  walletId: string;
  points: { pointsRedeemed: bigint; pointsEarned: bigint };
  giftCardDebits: GiftCardDebit[];
  pending: boolean;
}): LedgerOp[] {
  const ops: LedgerOp[] = [];
  const tracking = { externalId: p.uniqueId, tags: ['sale'], description: `Sale ${p.uniqueId}` };
  if (p.points.pointsRedeemed > 0n) ops.push({ type: 'burn', accountId: p.accountId, walletId: p.walletId, amount: p.points.pointsRedeemed, code: 'redeem', ...tracking });
  for (const g of p.giftCardDebits) ops.push({ type: 'burn', accountId: g.accountId, walletId: g.walletId, amount: BigInt(g.amountMinor), code: 'giftcard_pay', ...tracking });
  if (p.points.pointsEarned > 0n) {
    ops.push({ type: 'mint', accountId: p.accountId, walletId: p.walletId, amount: p.points.pointsEarned, pending: p.pending, code: p.pending ? 'earn_pending' : 'earn', ...tracking });
  }
  return ops;
}

/** A completed sale (posted by a till, or by redeeming a hold with the sale) as a bus event. */
export function purchaseEvent(p: { schemeId: string; uniqueId: string; customerId: string; outletId: string; calc: SaleCalculation; lines: SaleLine[]; pendingUntil: string | null; occurredAt: string }): HubEvent {
  return {
    schemeId: p.schemeId,
    key: hubEventKeys.sale(p.uniqueId),
    type: 'member-purchase-order-confirmed',
    customerId: p.customerId,
    occurredAt: p.occurredAt,
    payload: {
      uniqueId: p.uniqueId,
      outletId: p.outletId,
      totalMinor: p.calc.totalMinor.toString(),
      pointsEarned: p.calc.pointsEarned.toString(),
      returnWindowEndsAt: p.pendingUntil,
      lines: p.lines,
    },
  };
}

/**
 * What follows a completed sale, after its answer: the return window's
 * activation, the partner-sync dispatch, and the purchase event when anything
 * listens for it (otherwise the event is only journalled, with the sale).
 */
export function afterSale(p: { schemeId: string; uniqueId: string; customerId: string; pendingUntil: string | null; partnerEvents: SaleContext['partnerEvents']; purchase: HubEvent; listening: boolean; events?: HubEvent[] }): FollowUpBatch | null {
  const steps: FollowUp[] = [];
  if (p.pendingUntil) steps.push({ kind: 'pendingWindow', schemeId: p.schemeId, uniqueId: p.uniqueId, customerId: p.customerId, activateAt: p.pendingUntil });
  steps.push(...partnerSyncStep(p.partnerEvents ?? [], { schemeId: p.schemeId, sync: 'sale', operationKey: p.uniqueId, customerId: p.customerId }));
  if (p.listening) steps.push({ kind: 'hubEvent', event: p.purchase });
  // Side events a mission counts, after the purchase: the customer's lane delivers them in this order.
  for (const event of p.events ?? []) steps.push({ kind: 'hubEvent', event });
  return batchOf(p.schemeId, `sale/${p.uniqueId}`, p.customerId, steps);
}

import { fromMinorUnits } from './money';
import type { SaleCalculation } from './calculate';

/** Loyale's transaction response (points as JSON numbers, money as decimals). */
export interface SaleResult {
  customerId: string;
  status: 'COMPLETED' | 'SIMULATED';
  statusUrl: string;
  uniqueId: string;
  pointsEarned: number;
  pointsRedeemed: number;
  pointsBefore: number;
  pointsAfter: number;
  paymentMethods: Array<{ type: string; amount: number; awardsPoints: boolean; reference?: string }>;
  /** With a return window: the earned points are pending until `pendingUntil` (not in pointsAfter yet). */
  pointsPending?: number;
  pendingUntil?: string;
  /** The customer's tier when the sale was priced (its multiplier is in pointsEarned). */
  tier?: { id: string; name: string; earnMultiplierPercent: number };
}

export function saleResult(
  calc: SaleCalculation,
  ctx: { customerId: string; available: bigint; decimals: number; uniqueId: string; statusUrl: string; status: SaleResult['status']; earnPending?: boolean; tier?: SaleResult['tier'] | null },
): SaleResult {
  return {
    customerId: ctx.customerId,
    status: ctx.status,
    statusUrl: ctx.statusUrl,
    uniqueId: ctx.uniqueId,
    pointsEarned: Number(calc.pointsEarned),
    pointsRedeemed: Number(calc.pointsRedeemed),
    pointsBefore: Number(ctx.available),
    pointsAfter: Number(ctx.available + (ctx.earnPending ? 0n : calc.pointsEarned) - calc.pointsRedeemed),
    paymentMethods: calc.payments.map((p) => ({
      type: p.type,
      amount: fromMinorUnits(p.amountMinor, ctx.decimals),
      awardsPoints: p.awardsPoints,
      ...(p.reference ? { reference: p.reference } : {}),
    })),
    ...(ctx.tier ? { tier: ctx.tier } : {}),
  };
}

/** The per-line points a sale records, for returns. */
export function recordedLines(calc: SaleCalculation) {
  return calc.lines.map((l) => ({
    index: l.index,
    sku: l.sku,
    quantity: l.quantity,
    amountMinor: l.amountMinor.toString(),
    eligibleMinor: l.eligibleMinor.toString(),
    rate: l.rate.toString(),
    points: l.points.toString(),
  }));
}

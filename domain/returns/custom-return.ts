import { ValidationError } from '../errors';
import { calculateSale, GIFT_CARD, neutralRules, REDEMPTION, type SaleLine, type SalePayment } from '../transactions/calculate';
import type { PointRules } from '../transactions/rules';

/** A custom return: no original transaction, so today's rules price it as if it were a sale. */
export interface CustomReturnAmounts {
  pointsOwed: bigint;
  pointsReadded: bigint;
  refunds: Array<{ type: string; amountMinor: bigint; reference: string | null }>;
  lines: Array<{ index: number; sku: string | null; quantity: number }>;
}

/** A balance no customer has: the re-added points of a return are not limited by it. */
const UNLIMITED = 10n ** 30n;

export function customReturn(lines: SaleLine[], payments: SalePayment[], rules: PointRules): CustomReturnAmounts {
  lines.forEach((l, i) => {
    if (l.quantity <= 0) throw new ValidationError('A custom return lists the returned items with positive quantities', [{ path: `body.lineItems.${i}.quantity`, message: 'must be positive' }]);
  });
  payments.forEach((p, i) => {
    // Auto-fill takes "as much as the balance allows": meaningless when points go back.
    if (p.type === REDEMPTION && p.amount === undefined) {
      throw new ValidationError('A redemption refunded by a custom return needs its amount', [{ path: `body.paymentMethods.${i}.amount`, message: 'required' }]);
    }
  });
  const calc = calculateSale(lines, payments, rules, UNLIMITED);
  return {
    pointsOwed: calc.pointsEarned,
    pointsReadded: calc.pointsRedeemed,
    refunds: calc.payments.map((p) => ({ type: p.type, amountMinor: p.amountMinor, reference: p.reference })),
    lines: calc.lines.map((l) => ({ index: l.index, sku: l.sku, quantity: l.quantity })),
  };
}

/** What a custom return's body can fail without the database, by the same function: refused before any workflow starts. */
export function precheckCustomReturn(lines: SaleLine[], payments: SalePayment[], currencyDecimals: number): void {
  customReturn(lines, payments, neutralRules(currencyDecimals));
}

/** Gift-card refunds by card code, from a return's refunds. */
export function giftCardRefunds(refunds: Array<{ type: string; amountMinor: bigint; reference: string | null }>): Map<string, bigint> {
  const byCard = new Map<string, bigint>();
  for (const r of refunds) {
    if (r.type !== GIFT_CARD || !r.reference || r.amountMinor <= 0n) continue;
    byCard.set(r.reference, (byCard.get(r.reference) ?? 0n) + r.amountMinor);
  }
  return byCard;
}

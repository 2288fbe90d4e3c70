import { BusinessRuleError, ConflictError, ValidationError } from '../errors';
import type { RecordedLine, ReturnedSoFar, ReturnSelection, SaleForReturn } from './types';

/** What one return of a recorded sale gives back, and the sale's cumulative state after it. */
export interface SaleReturnAmounts {
  /** Units returned by this return, per line index. */
  units: Record<string, number>;
  /** Points this return takes back (before pending/balance/policy decide where from). */
  pointsOwed: bigint;
  pointsReadded: bigint;
  /** Refund per original payment index, minor units. */
  refunds: bigint[];
  returnedAfter: ReturnedSoFar;
  /** Every unit of the sale is now returned. */
  complete: boolean;
}

/** Lines a return can take back: an inline-returned line (negative quantity) was itself a return. */
const returnable = (l: RecordedLine) => l.quantity > 0;

const share = (whole: bigint, part: bigint, of: bigint) => (of === 0n ? 0n : (whole * part) / of);

/**
 * Returned units of every line after this return. Line-item returns take a
 * SKU's units from its lines in order; asking for more than remains is a
 * conflict with what was already returned.
 */
export function selectUnits(sale: SaleForReturn, selection: ReturnSelection): Record<string, number> {
  const after: Record<string, number> = { ...sale.returned.units };
  const left = (l: RecordedLine) => l.quantity - (after[l.index] ?? 0);
  const lines = sale.lines.filter(returnable);
  if (selection.kind === 'full') {
    if (lines.every((l) => left(l) === 0)) throw new ConflictError(`Transaction ${sale.uniqueId} was already fully returned`);
    for (const l of lines) after[l.index] = l.quantity;
    return after;
  }
  selection.lines.forEach((wanted, i) => {
    if (!Number.isSafeInteger(wanted.quantity) || wanted.quantity <= 0) {
      throw new ValidationError('A returned quantity is a positive whole number', [{ path: `body.lines.${i}.quantity`, message: 'must be positive' }]);
    }
    // SKUs match exactly, as the till sent them on the sale.
    const withSku = lines.filter((l) => l.sku === wanted.sku);
    if (withSku.length === 0) {
      throw new BusinessRuleError(`SKU ${wanted.sku} is not in transaction ${sale.uniqueId}`, [{ path: `body.lines.${i}.sku`, message: 'not in the transaction' }]);
    }
    const remaining = withSku.reduce((s, l) => s + left(l), 0);
    if (wanted.quantity > remaining) {
      throw new ConflictError(`Only ${remaining} unit(s) of SKU ${wanted.sku} remain returnable in transaction ${sale.uniqueId}; ${wanted.quantity} requested`, [
        { path: `body.lines.${i}.quantity`, message: `at most ${remaining}` },
      ]);
    }
    let todo = wanted.quantity;
    for (const l of withSku) {
      const take = Math.min(todo, left(l));
      after[l.index] = (after[l.index] ?? 0) + take;
      todo -= take;
    }
  });
  return after;
}

/**
 * Everything is computed on cumulative totals and floored: what `n` returned
 * units are worth is ⌊lineTotal × n / quantity⌋, and a return gives back the
 * difference between after and before. So returning units one by one adds up
 * to exactly the line's total, and no return ever gives more than its share.
 */
export function cumulativeReturn(sale: SaleForReturn, units: Record<string, number>) {
  const lines = sale.lines.filter(returnable);
  const at = (l: RecordedLine, field: 'amountMinor' | 'points') => share(BigInt(l[field]), BigInt(units[l.index] ?? 0), BigInt(l.quantity));
  const boughtValue = lines.reduce((s, l) => s + BigInt(l.amountMinor), 0n);
  const returnedValue = lines.reduce((s, l) => s + at(l, 'amountMinor'), 0n);
  const linePoints = lines.reduce((s, l) => s + at(l, 'points'), 0n);
  // An inline return in the sale lowered its net points: never take back more than it earned.
  const pointsOwed = linePoints < sale.pointsEarned ? linePoints : sale.pointsEarned;
  const refund = share(sale.totalMinor, returnedValue, boughtValue);
  return {
    pointsOwed,
    pointsReadded: share(sale.pointsRedeemed, refund, sale.totalMinor),
    refunded: sale.payments.map((p) => share(p.amountMinor, refund, sale.totalMinor)),
    complete: lines.every((l) => (units[l.index] ?? 0) === l.quantity),
  };
}

/** One full or line-item return against a recorded sale, from its recorded per-line points. */
export function returnOfSale(sale: SaleForReturn, selection: ReturnSelection): SaleReturnAmounts {
  const unitsAfter = selectUnits(sale, selection);
  const before = sale.returned;
  const after = cumulativeReturn(sale, unitsAfter);
  const units: Record<string, number> = {};
  for (const [index, n] of Object.entries(unitsAfter)) {
    const delta = n - (before.units[index] ?? 0);
    if (delta > 0) units[index] = delta;
  }
  return {
    units,
    pointsOwed: after.pointsOwed - BigInt(before.pointsOwed),
    pointsReadded: after.pointsReadded - BigInt(before.pointsReadded),
    refunds: after.refunded.map((r, i) => r - BigInt(before.refunded[i] ?? '0')),
    returnedAfter: {
      units: unitsAfter,
      pointsOwed: after.pointsOwed.toString(),
      pointsReadded: after.pointsReadded.toString(),
      refunded: after.refunded.map(String),
    },
    complete: after.complete,
  };
}

/** What is still returnable of each line, for GET /v1/transactions/:uniqueId. */
export function returnableLines(sale: Pick<SaleForReturn, 'lines' | 'returned'>) {
  return sale.lines.filter(returnable).map((l) => {
    const returned = sale.returned.units[l.index] ?? 0;
    const pointsLeft = BigInt(l.points) - share(BigInt(l.points), BigInt(returned), BigInt(l.quantity));
    return { index: l.index, sku: l.sku, quantity: l.quantity, returned, returnable: l.quantity - returned, pointsReturnable: pointsLeft.toString() };
  });
}

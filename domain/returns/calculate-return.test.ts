import { BusinessRuleError, ConflictError, HubError } from '../errors';
import { calculateSale, GIFT_CARD, REDEMPTION, type SaleLine, type SalePayment } from '../transactions/calculate';
import type { PointRules } from '../transactions/rules';
import { recordedLines } from '../transactions/sale-result';
import { cumulativeReturn, returnableLines, returnOfSale, selectUnits, type SaleReturnAmounts } from './calculate-return';
import { nothingReturned, type RecordedLine, type ReturnSelection, type SaleForReturn } from './types';

/** The seed's scheme: 6 points per 1.00 (25.00 → 150); 100 points pay 1.00. */
const rules = (overrides: PointRules['overrides'] = []): PointRules => ({ currencyDecimals: 2, earnPerUnit: 6n, redeemPointsPerUnit: 100n, overrides });

/** A recorded sale as the repository reads it back: priced by calculateSale, lines via recordedLines. */
function sale(lines: SaleLine[], payments: SalePayment[] = [], r: PointRules = rules(), available = 10n ** 12n): SaleForReturn {
  const calc = calculateSale(lines, payments, r, available);
  const recordedPayments = calc.payments.map((p) => ({ type: p.type, amountMinor: p.amountMinor, reference: p.reference }));
  return {
    uniqueId: 'sale-1',
    customerId: 'cust-1',
    lines: recordedLines(calc),
    payments: recordedPayments,
    totalMinor: recordedPayments.reduce((s, p) => s + p.amountMinor, 0n),
    pointsEarned: calc.pointsEarned,
    pointsRedeemed: calc.pointsRedeemed,
    returned: nothingReturned(recordedPayments.length),
    pendingPoints: 0n,
    pendingTransferId: null,
    couponsUsed: false,
  };
}

/** A sale straight from recorded lines (points as recorded, whatever the amounts suggest). */
function rawSale(lines: Array<{ sku: string | null; quantity: number; amountMinor: bigint; points: bigint }>, pointsRedeemed = 0n): SaleForReturn {
  const recorded: RecordedLine[] = lines.map((l, index) => ({
    index,
    sku: l.sku,
    quantity: l.quantity,
    amountMinor: l.amountMinor.toString(),
    eligibleMinor: l.amountMinor.toString(),
    rate: '6',
    points: l.points.toString(),
  }));
  const totalMinor = lines.reduce((s, l) => s + l.amountMinor, 0n);
  return {
    uniqueId: 'sale-1',
    customerId: 'cust-1',
    lines: recorded,
    payments: [{ type: 'Cash', amountMinor: totalMinor, reference: null }],
    totalMinor,
    pointsEarned: lines.reduce((s, l) => s + l.points, 0n),
    pointsRedeemed,
    returned: nothingReturned(1),
    pendingPoints: 0n,
    pendingTransferId: null,
    couponsUsed: false,
  };
}

/** The sale after a return, its cumulative state stored as JSON (as the sales row keeps it). */
const after = (s: SaleForReturn, r: SaleReturnAmounts): SaleForReturn => ({ ...s, returned: JSON.parse(JSON.stringify(r.returnedAfter)) });

const full: ReturnSelection = { kind: 'full' };
const items = (...lines: Array<[string, number]>): ReturnSelection => ({ kind: 'line_item', lines: lines.map(([sku, quantity]) => ({ sku, quantity })) });

/** Applies returns in turn; the amounts of each. */
function returnAll(s: SaleForReturn, selections: ReturnSelection[]): { sale: SaleForReturn; steps: SaleReturnAmounts[] } {
  const steps: SaleReturnAmounts[] = [];
  let current = s;
  for (const sel of selections) {
    const r = returnOfSale(current, sel);
    steps.push(r);
    current = after(current, r);
  }
  return { sale: current, steps };
}

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
const totals = (steps: SaleReturnAmounts[]) => ({
  pointsOwed: sum(steps.map((s) => s.pointsOwed)),
  pointsReadded: sum(steps.map((s) => s.pointsReadded)),
  refunds: (steps[0]?.refunds ?? []).map((_, i) => sum(steps.map((s) => s.refunds[i] as bigint))),
});

function thrown(fn: () => unknown): HubError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HubError) return e;
    throw e;
  }
  throw new Error('expected a HubError, nothing was thrown');
}

/** Small seeded PRNG (mulberry32), so the property runs are reproducible. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const intIn = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

const clothes: SaleLine = { quantity: 5, sku: 'sku-001', unitPrice: 12.0, unitSalePrice: 10.0, categories: ['Clothes'], vendor: 'Clothes Ltd.' };

describe('full return', () => {
  it('gives back every recorded point and the whole payment', () => {
    const s = sale([{ quantity: 5, sku: 'sku-001', unitPrice: 5 }]);
    expect(s.pointsEarned).toBe(150n);
    const r = returnOfSale(s, full);
    expect(r).toEqual({
      units: { '0': 5 },
      pointsOwed: 150n,
      pointsReadded: 0n,
      refunds: [2500n],
      returnedAfter: { units: { '0': 5 }, pointsOwed: '150', pointsReadded: '0', refunded: ['2500'] },
      complete: true,
    });
  });

  it('of a sale with several lines, payments and a redemption: everything, exactly', () => {
    const s = sale(
      [clothes, { quantity: 3, sku: 'mug', unitPrice: 3.33 }, { quantity: 1, sku: 'tv', unitPrice: 199.99 }],
      [{ type: 'Cash', amount: 100 }, { type: GIFT_CARD, amount: 50.0, reference: 'GC-1' }, { type: REDEMPTION, amount: 25.5 }, { type: 'Card' }],
    );
    expect(s.pointsRedeemed).toBe(2550n);
    const r = returnOfSale(s, full);
    expect(r.pointsOwed).toBe(s.pointsEarned);
    expect(r.pointsReadded).toBe(2550n);
    expect(r.refunds).toEqual(s.payments.map((p) => p.amountMinor));
    expect(r.units).toEqual({ '0': 5, '1': 3, '2': 1 });
    expect(r.complete).toBe(true);
  });

  it('does not change the sale it is given (pure)', () => {
    const s = sale([clothes]);
    const snapshot = JSON.parse(JSON.stringify(s, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
    returnOfSale(s, items(['sku-001', 2]));
    returnOfSale(s, full);
    expect(JSON.parse(JSON.stringify(s, (_, v) => (typeof v === 'bigint' ? v.toString() : v)))).toEqual(snapshot);
    expect(s.returned).toEqual(nothingReturned(1));
  });

  it('a second full return is a conflict with a clear message', () => {
    const s = sale([clothes]);
    const once = after(s, returnOfSale(s, full));
    const e = thrown(() => returnOfSale(once, full));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.type).toBe('conflict');
    expect(e.message).toBe('Transaction sale-1 was already fully returned');
  });

  it('after a line-item return, a full return takes only what is left, and the two add up to the sale', () => {
    const s = sale([clothes, { quantity: 2, sku: 'mug', unitPrice: 4.99 }], [{ type: 'Cash', amount: 30 }, { type: REDEMPTION, amount: 29.98 }]);
    const { steps } = returnAll(s, [items(['sku-001', 2]), full]);
    expect(steps[1]?.units).toEqual({ '0': 3, '1': 2 });
    expect(steps[1]?.complete).toBe(true);
    expect(totals(steps)).toEqual({ pointsOwed: s.pointsEarned, pointsReadded: s.pointsRedeemed, refunds: [3000n, 2998n] });
  });

  it('after every unit was returned one by one, a full return is a conflict', () => {
    const s = sale([{ quantity: 2, sku: 'a', unitPrice: 1 }, { quantity: 1, sku: 'b', unitPrice: 1 }]);
    const { sale: done, steps } = returnAll(s, [items(['a', 1]), items(['b', 1]), items(['a', 1])]);
    expect(steps.map((x) => x.complete)).toEqual([false, false, true]);
    expect(() => returnOfSale(done, full)).toThrow(ConflictError);
    expect(() => returnOfSale(done, full)).toThrow('already fully returned');
  });
});

describe('line-item returns', () => {
  it('one unit of 5 × 5.00 (150 points) is 30 points and 5.00', () => {
    const s = sale([{ quantity: 5, sku: 'sku-001', unitPrice: 5 }]);
    const r = returnOfSale(s, items(['sku-001', 1]));
    expect(r).toEqual({
      units: { '0': 1 },
      pointsOwed: 30n,
      pointsReadded: 0n,
      refunds: [500n],
      returnedAfter: { units: { '0': 1 }, pointsOwed: '30', pointsReadded: '0', refunded: ['500'] },
      complete: false,
    });
  });

  it('returning all units one by one equals the full return', () => {
    const lines = [clothes, { quantity: 3, sku: 'mug', unitPrice: 3.33 }];
    const payments = [{ type: 'Cash', amount: 40 }, { type: REDEMPTION, amount: 19.99 }];
    const s = sale(lines, payments);
    const oneByOne = returnAll(s, [...Array(5).fill(items(['sku-001', 1])), ...Array(3).fill(items(['mug', 1]))]);
    const fullReturn = returnOfSale(s, full);
    expect(totals(oneByOne.steps)).toEqual({ pointsOwed: fullReturn.pointsOwed, pointsReadded: fullReturn.pointsReadded, refunds: fullReturn.refunds });
    expect(oneByOne.sale.returned).toEqual(JSON.parse(JSON.stringify(fullReturn.returnedAfter)));
    expect(oneByOne.steps.map((x) => x.complete)).toEqual([false, false, false, false, false, false, false, true]);
  });

  it('7 points over 3 units: 2, 2, 3 (cumulative ⌊7n/3⌋), never more than 7', () => {
    const s = sale([{ quantity: 3, sku: 'gum', unitPrice: 0.39 }]);
    expect(s.lines[0]?.points).toBe('7');
    const { steps } = returnAll(s, [items(['gum', 1]), items(['gum', 1]), items(['gum', 1])]);
    expect(steps.map((x) => x.pointsOwed)).toEqual([2n, 2n, 3n]);
    expect(steps.map((x) => x.returnedAfter.pointsOwed)).toEqual(['2', '4', '7']);
    expect(steps.map((x) => x.refunds[0])).toEqual([39n, 39n, 39n]);
  });

  it.each([
    [1n, 3, [0n, 0n, 1n]],
    [2n, 3, [0n, 1n, 1n]],
    [10n, 4, [2n, 3n, 2n, 3n]],
    [100n, 7, [14n, 14n, 14n, 15n, 14n, 14n, 15n]],
    [0n, 2, [0n, 0n]],
    [5n, 1, [5n]],
  ])('%d points over %d units one by one: %j', (points, quantity, expected) => {
    const s = rawSale([{ sku: 'x', quantity, amountMinor: 1000n, points }]);
    const { steps } = returnAll(s, Array(quantity).fill(items(['x', 1])));
    expect(steps.map((x) => x.pointsOwed)).toEqual(expected);
    expect(sum(steps.map((x) => x.pointsOwed))).toBe(points);
  });

  it('returning several units at once is worth the cumulative share, not n × one unit', () => {
    const s = sale([{ quantity: 3, sku: 'gum', unitPrice: 0.39 }]);
    expect(returnOfSale(s, items(['gum', 2])).pointsOwed).toBe(4n);
    const { steps } = returnAll(s, [items(['gum', 1]), items(['gum', 2])]);
    expect(steps.map((x) => x.pointsOwed)).toEqual([2n, 5n]);
  });

  it('reports only the units of this return, per line index', () => {
    const s = sale([{ quantity: 2, sku: 'a', unitPrice: 1 }, { quantity: 4, sku: 'b', unitPrice: 1 }, { quantity: 1, sku: 'c', unitPrice: 1 }]);
    const { steps } = returnAll(s, [items(['b', 1]), items(['b', 2], ['c', 1]), full]);
    expect(steps.map((x) => x.units)).toEqual([{ '1': 1 }, { '1': 2, '2': 1 }, { '0': 2, '1': 1 }]);
    expect(steps[2]?.returnedAfter.units).toEqual({ '0': 2, '1': 4, '2': 1 });
  });

  it('several SKUs in one return: the sum of their cumulative shares', () => {
    const s = sale([{ quantity: 3, sku: 'gum', unitPrice: 0.39 }, { quantity: 5, sku: 'sku-001', unitPrice: 5 }]);
    const r = returnOfSale(s, items(['gum', 1], ['sku-001', 2]));
    expect(r.pointsOwed).toBe(2n + 60n);
    expect(r.refunds).toEqual([39n + 1000n]);
  });
});

describe('recorded points are what returns use', () => {
  // SKU tv 10/unit, vendor Acme 3/unit, category Clothes 0, everything else 6.
  const overrides = rules([
    { match: 'sku', value: 'tv', earnPerUnit: 10n },
    { match: 'vendor', value: 'Acme', earnPerUnit: 3n },
    { match: 'category', value: 'Clothes', earnPerUnit: 0n },
  ]);
  const mixed = () =>
    sale(
      [
        { quantity: 1, sku: 'tv', unitPrice: 499.99 },
        { quantity: 4, sku: 'shirt', unitPrice: 12.5, categories: ['Clothes'] },
        { quantity: 3, sku: 'pan', unitPrice: 20, vendor: 'Acme' },
        { quantity: 2, sku: 'mug', unitPrice: 7.25 },
      ],
      [],
      overrides,
    );

  it('mixed lines with different rates return their own recorded points by SKU', () => {
    const s = mixed();
    expect(s.lines.map((l) => l.points)).toEqual(['4999', '0', '180', '87']);
    const { steps } = returnAll(s, [items(['shirt', 4]), items(['pan', 1]), items(['mug', 1]), items(['tv', 1]), items(['mug', 1]), items(['pan', 2])]);
    expect(steps.map((x) => x.pointsOwed)).toEqual([0n, 60n, 43n, 4999n, 44n, 120n]);
    expect(steps.map((x) => x.refunds[0])).toEqual([5000n, 2000n, 725n, 49999n, 725n, 4000n]);
    expect(sum(steps.map((x) => x.pointsOwed))).toBe(5266n);
    expect(s.pointsEarned).toBe(5266n);
  });

  it('the recorded rate counts, even if the rules changed since the sale', () => {
    const s = mixed();
    // A return knows nothing of today's rules: only the recorded lines.
    expect(returnOfSale(s, items(['tv', 1])).pointsOwed).toBe(4999n);
    expect(returnOfSale(s, items(['shirt', 2])).pointsOwed).toBe(0n);
  });

  it('points reduced by an awardsPoints:false payment: the return takes the recorded (smaller) points', () => {
    const s = sale(
      [{ quantity: 2, sku: 'a', unitPrice: 10 }, { quantity: 1, sku: 'b', unitPrice: 30 }],
      [{ type: 'Cash', amount: 25 }, { type: 'Card', awardsPoints: false }],
    );
    // 2000 and 3000 of a 5000 sale share the 2500 eligible: 1000 and 1500 → 60 and 90 points (not 120 and 180).
    expect(s.lines.map((l) => [l.eligibleMinor, l.points])).toEqual([
      ['1000', '60'],
      ['1500', '90'],
    ]);
    expect(returnOfSale(s, items(['a', 1]))).toMatchObject({ pointsOwed: 30n, refunds: [500n, 500n] });
    expect(returnOfSale(s, items(['a', 2]))).toMatchObject({ pointsOwed: 60n, refunds: [1000n, 1000n] });
    expect(returnOfSale(s, items(['b', 1]))).toMatchObject({ pointsOwed: 90n, refunds: [1500n, 1500n] });
    expect(returnOfSale(s, full).pointsOwed).toBe(150n);
  });

  it('points reduced by a redemption: the return takes the recorded points and re-adds in proportion', () => {
    const s = sale([clothes], [{ type: 'Cash', amount: 40 }, { type: REDEMPTION, amount: 10 }], rules(), 7980n);
    expect(s).toMatchObject({ pointsEarned: 240n, pointsRedeemed: 1000n });
    expect(s.lines[0]?.points).toBe('240');
    const { steps } = returnAll(s, Array(5).fill(items(['sku-001', 1])));
    for (const step of steps) expect(step).toMatchObject({ pointsOwed: 48n, pointsReadded: 200n, refunds: [800n, 200n] });
    expect(totals(steps)).toEqual({ pointsOwed: 240n, pointsReadded: 1000n, refunds: [4000n, 1000n] });
  });

  it('recorded points far below what the amount suggests are still what is taken back', () => {
    // 10 × 100.00 recorded as earning only 3 points (e.g. mostly paid with points).
    const s = rawSale([{ sku: 'x', quantity: 10, amountMinor: 100_000n, points: 3n }]);
    const { steps } = returnAll(s, Array(10).fill(items(['x', 1])));
    expect(steps.map((x) => x.pointsOwed)).toEqual([0n, 0n, 0n, 1n, 0n, 0n, 1n, 0n, 0n, 1n]);
    expect(steps.map((x) => x.refunds[0])).toEqual(Array(10).fill(10_000n));
  });
});

describe('redemption re-add and payment refunds', () => {
  it('re-adds redeemed points in proportion to the returned value, all of them on completion', () => {
    // 3 × 1.00 paid 2.00 cash + 1.00 in points (100 points).
    const s = sale([{ quantity: 3, sku: 'x', unitPrice: 1 }], [{ type: 'Cash', amount: 2 }, { type: REDEMPTION, amount: 1 }]);
    expect(s.pointsRedeemed).toBe(100n);
    const { steps } = returnAll(s, Array(3).fill(items(['x', 1])));
    expect(steps.map((x) => x.pointsReadded)).toEqual([33n, 33n, 34n]);
    expect(steps.map((x) => x.refunds)).toEqual([
      [66n, 33n],
      [67n, 33n],
      [67n, 34n],
    ]);
    expect(steps.map((x) => x.pointsOwed)).toEqual([4n, 4n, 4n]);
  });

  it('a full return re-adds every redeemed point, even after partial returns', () => {
    const s = sale([{ quantity: 7, sku: 'x', unitPrice: 1.43 }], [{ type: 'Cash', amount: 5 }, { type: REDEMPTION, amount: 5.01 }]);
    expect(s.pointsRedeemed).toBe(501n);
    const { steps } = returnAll(s, [items(['x', 1]), items(['x', 3]), full]);
    expect(sum(steps.map((x) => x.pointsReadded))).toBe(501n);
    expect(steps[0]?.pointsReadded).toBe(71n); // ⌊501 × 143 / 1001⌋
    expect(steps[2]?.returnedAfter.pointsReadded).toBe('501');
  });

  it('refunds per payment method: monotone, never negative, exact on completion', () => {
    // 7 × 1.43 = 10.01 paid 5.00 cash, 3.00 card, 2.01 gift card.
    const s = sale(
      [{ quantity: 7, sku: 'x', unitPrice: 1.43 }],
      [{ type: 'Cash', amount: 5 }, { type: 'Card', amount: 3 }, { type: GIFT_CARD, amount: 2.01, reference: 'GC-9' }],
    );
    const { steps } = returnAll(s, Array(7).fill(items(['x', 1])));
    expect(steps.map((x) => x.refunds[0])).toEqual([71n, 71n, 72n, 71n, 72n, 71n, 72n]);
    steps.forEach((step, k) => {
      for (const r of step.refunds) expect(r >= 0n).toBe(true);
      // Together, never more than the value returned so far (143 per unit).
      expect(sum(step.returnedAfter.refunded.map(BigInt))).toBeLessThanOrEqual(143n * BigInt(k + 1));
    });
    expect(totals(steps).refunds).toEqual([500n, 300n, 201n]);
    expect(steps.map((x) => x.returnedAfter.refunded)).toEqual([
      ['71', '42', '28'],
      ['142', '85', '57'],
      ['214', '128', '86'],
      ['285', '171', '114'],
      ['357', '214', '143'],
      ['428', '257', '172'],
      ['500', '300', '201'],
    ]);
  });

  it('a zero-total sale refunds nothing and does not divide by zero', () => {
    const s = sale([{ quantity: 2, sku: 'free', unitPrice: 0 }]);
    const { steps } = returnAll(s, [items(['free', 1]), items(['free', 1])]);
    expect(steps.map((x) => [x.pointsOwed, x.pointsReadded, x.refunds])).toEqual([
      [0n, 0n, [0n]],
      [0n, 0n, [0n]],
    ]);
    expect(steps[1]?.complete).toBe(true);
  });
});

describe('duplicate SKUs across lines', () => {
  // A at 10.00 (2 units, 120 points), B, then A again at a promo 8.00 (3 units, 144 points).
  const dup = () => sale([{ quantity: 2, sku: 'A', unitPrice: 10 }, { quantity: 1, sku: 'B', unitPrice: 5 }, { quantity: 3, sku: 'A', unitSalePrice: 8 }]);

  it('takes units from the lines in order', () => {
    const s = dup();
    expect(s.lines.map((l) => l.points)).toEqual(['120', '30', '144']);
    const { steps, sale: done } = returnAll(s, [items(['A', 3]), items(['A', 2])]);
    expect(steps[0]).toMatchObject({ units: { '0': 2, '2': 1 }, pointsOwed: 168n, refunds: [2800n] });
    expect(steps[1]).toMatchObject({ units: { '2': 2 }, pointsOwed: 96n, refunds: [1600n] });
    const e = thrown(() => returnOfSale(done, items(['A', 1])));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe('Only 0 unit(s) of SKU A remain returnable in transaction sale-1; 1 requested');
    expect(returnOfSale(done, items(['B', 1]))).toMatchObject({ units: { '1': 1 }, pointsOwed: 30n, complete: true });
  });

  it('the same SKU twice in one return continues where the first stopped', () => {
    const s = dup();
    expect(selectUnits(s, items(['A', 1], ['A', 2]))).toEqual({ '0': 2, '2': 1 });
    const e = thrown(() => selectUnits(s, items(['A', 4], ['A', 2])));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toBe('Only 1 unit(s) of SKU A remain returnable in transaction sale-1; 2 requested');
    expect(e.details).toEqual([{ path: 'body.lines.1.quantity', message: 'at most 1' }]);
  });
});

describe('never more than was bought', () => {
  it('asking for more units than remain is a conflict naming what remains', () => {
    const s = sale([clothes]);
    const partly = after(s, returnOfSale(s, items(['sku-001', 3])));
    const e = thrown(() => returnOfSale(partly, items(['sku-001', 3])));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.type).toBe('conflict');
    expect(e.message).toBe('Only 2 unit(s) of SKU sku-001 remain returnable in transaction sale-1; 3 requested');
    expect(e.details).toEqual([{ path: 'body.lines.0.quantity', message: 'at most 2' }]);
    expect(() => returnOfSale(s, items(['sku-001', 6]))).toThrow('Only 5 unit(s) of SKU sku-001 remain returnable in transaction sale-1; 6 requested');
  });

  it('an unknown SKU is a business-rule error pointing at the line', () => {
    const s = sale([clothes, { quantity: 1, sku: 'mug', unitPrice: 2 }]);
    const e = thrown(() => returnOfSale(s, items(['mug', 1], ['nope', 1])));
    expect(e).toBeInstanceOf(BusinessRuleError);
    expect(e.type).toBe('business_rule_violated');
    expect(e.message).toBe('SKU nope is not in transaction sale-1');
    expect(e.details).toEqual([{ path: 'body.lines.1.sku', message: 'not in the transaction' }]);
  });

  it('a line without SKU can only be returned in full', () => {
    const s = sale([{ quantity: 2, unitPrice: 3 }]);
    expect(returnOfSale(s, full)).toMatchObject({ units: { '0': 2 }, pointsOwed: 36n, complete: true });
  });

  it('one bad line refuses the whole return', () => {
    const s = sale([clothes, { quantity: 1, sku: 'mug', unitPrice: 2 }]);
    expect(() => returnOfSale(s, items(['mug', 1], ['sku-001', 9]))).toThrow(ConflictError);
    expect(s.returned.units).toEqual({});
  });

  it('the cumulative units returned never exceed the quantity bought, whatever the order', () => {
    const s = sale([{ quantity: 4, sku: 'a', unitPrice: 1 }]);
    const { sale: done } = returnAll(s, [items(['a', 1]), items(['a', 3])]);
    expect(done.returned.units).toEqual({ '0': 4 });
    expect(() => returnOfSale(done, items(['a', 1]))).toThrow(ConflictError);
    expect(() => returnOfSale(done, full)).toThrow(ConflictError);
  });
});

describe('a sale with an inline return (negative quantity)', () => {
  it('never gives back more than its net points: full return', () => {
    const s = sale([clothes, { ...clothes, quantity: -2 }]);
    expect(s).toMatchObject({ pointsEarned: 180n, totalMinor: 3000n });
    expect(s.lines.map((l) => l.points)).toEqual(['300', '-120']);
    const r = returnOfSale(s, full);
    expect(r).toMatchObject({ units: { '0': 5 }, pointsOwed: 180n, refunds: [3000n], complete: true });
  });

  it('never gives back more than its net points: unit by unit, the later units give nothing', () => {
    const s = sale([clothes, { ...clothes, quantity: -2 }]);
    const { steps } = returnAll(s, Array(5).fill(items(['sku-001', 1])));
    expect(steps.map((x) => x.pointsOwed)).toEqual([60n, 60n, 60n, 0n, 0n]);
    expect(steps.map((x) => x.refunds[0])).toEqual([600n, 600n, 600n, 600n, 600n]);
    expect(totals(steps)).toEqual({ pointsOwed: 180n, pointsReadded: 0n, refunds: [3000n] });
    expect(() => returnOfSale(s, items(['sku-001', 6]))).toThrow('Only 5 unit(s) of SKU sku-001 remain');
  });

  it('the inline-returned line itself cannot be returned', () => {
    const s = sale([{ quantity: 2, sku: 'A', unitPrice: 10 }, { quantity: -1, sku: 'B', unitPrice: 5 }]);
    expect(s.pointsEarned).toBe(90n);
    const e = thrown(() => returnOfSale(s, items(['B', 1])));
    expect(e).toBeInstanceOf(BusinessRuleError);
    expect(e.message).toBe('SKU B is not in transaction sale-1');
    const { steps, sale: done } = returnAll(s, [items(['A', 1]), items(['A', 1])]);
    expect(steps.map((x) => x.pointsOwed)).toEqual([60n, 30n]);
    expect(steps.map((x) => x.refunds[0])).toEqual([750n, 750n]);
    expect(steps[1]?.complete).toBe(true);
    expect(() => returnOfSale(done, full)).toThrow('already fully returned');
  });

  it('with a redemption and a gift card: refunds and re-added points are shares of the net total, exact on completion', () => {
    // 3 × 10.00 bought, 1 × 10.00 returned inline: 20.00 paid 10.00 cash, 5.00 in points, 5.00 gift card.
    const s = sale([{ quantity: 3, sku: 'A', unitPrice: 10 }, { quantity: -1, sku: 'A', unitPrice: 10 }], [{ type: 'Cash', amount: 10 }, { type: REDEMPTION, amount: 5 }, { type: GIFT_CARD, amount: 5, reference: 'G' }]);
    expect(s).toMatchObject({ totalMinor: 2000n, pointsEarned: 60n, pointsRedeemed: 500n });
    const { steps } = returnAll(s, Array(3).fill(items(['A', 1])));
    expect(steps.map((x) => x.pointsOwed)).toEqual([40n, 20n, 0n]);
    expect(steps.map((x) => x.pointsReadded)).toEqual([166n, 167n, 167n]);
    expect(steps.map((x) => x.refunds)).toEqual([
      [333n, 166n, 166n],
      [333n, 167n, 167n],
      [334n, 167n, 167n],
    ]);
    expect(totals(steps)).toEqual({ pointsOwed: 60n, pointsReadded: 500n, refunds: [1000n, 500n, 500n] });
  });

  it('a partial return followed by a full return adds up to the net points', () => {
    const s = sale([clothes, { ...clothes, quantity: -2 }, { quantity: 1, sku: 'mug', unitPrice: 5 }]);
    expect(s.pointsEarned).toBe(210n);
    const { steps } = returnAll(s, [items(['mug', 1]), items(['sku-001', 1]), full]);
    expect(steps.map((x) => x.pointsOwed)).toEqual([30n, 60n, 120n]);
    expect(totals(steps)).toEqual({ pointsOwed: 210n, pointsReadded: 0n, refunds: [3500n] });
  });
});

describe('cumulativeReturn', () => {
  it('is the floored share of every line, summed', () => {
    const s = rawSale([
      { sku: 'a', quantity: 3, amountMinor: 100n, points: 7n },
      { sku: 'b', quantity: 4, amountMinor: 90n, points: 10n },
    ]);
    expect(cumulativeReturn(s, { '0': 1, '1': 3 })).toEqual({ pointsOwed: 2n + 7n, pointsReadded: 0n, refunded: [(190n * (33n + 67n)) / 190n], complete: false });
    expect(cumulativeReturn(s, { '0': 3, '1': 4 })).toMatchObject({ pointsOwed: 17n, refunded: [190n], complete: true });
    expect(cumulativeReturn(s, {})).toMatchObject({ pointsOwed: 0n, refunded: [0n], complete: false });
  });
});

describe('returnableLines', () => {
  it('shows what is left of each line and its points, without inline-returned lines', () => {
    const s = sale([{ quantity: 3, sku: 'gum', unitPrice: 0.39 }, { quantity: -1, sku: 'gum', unitPrice: 0.39 }, { quantity: 2, sku: 'mug', unitPrice: 5 }]);
    const { sale: partly } = returnAll(s, [items(['gum', 1]), items(['mug', 2])]);
    expect(returnableLines(partly)).toEqual([
      { index: 0, sku: 'gum', quantity: 3, returned: 1, returnable: 2, pointsReturnable: '5' },
      { index: 2, sku: 'mug', quantity: 2, returned: 2, returnable: 0, pointsReturnable: '0' },
    ]);
    expect(returnableLines(s).map((l) => l.pointsReturnable)).toEqual(['7', '60']);
  });
});

describe('properties (seeded random)', () => {
  it('one line of P points over q units, returned in random chunks: cumulative ⌊P·n/q⌋, never above the share, sums to P', () => {
    const rnd = mulberry32(20240601);
    const failures: string[] = [];
    for (let run = 0; run < 1500; run++) {
      const quantity = intIn(rnd, 1, 60);
      const points = run % 3 === 0 ? BigInt(intIn(rnd, 0, 20)) : run % 3 === 1 ? BigInt(intIn(rnd, 0, 100_000)) : BigInt(intIn(rnd, 0, 2 ** 30)) * BigInt(intIn(rnd, 1, 2 ** 20));
      const amountMinor = BigInt(intIn(rnd, 0, 10_000_000));
      const fail = (what: string) => failures.push(`run ${run} (${points} points over ${quantity} units): ${what}`);
      let s = rawSale([{ sku: 'x', quantity, amountMinor, points }]);
      let n = 0;
      let owedSum = 0n;
      let refundSum = 0n;
      while (n < quantity) {
        const chunk = run % 2 === 0 ? 1 : intIn(rnd, 1, quantity - n);
        const r = returnOfSale(s, items(['x', chunk]));
        n += chunk;
        if (r.pointsOwed < 0n) fail(`negative deduction ${r.pointsOwed}`);
        if ((r.refunds[0] as bigint) < 0n) fail(`negative refund ${r.refunds[0]}`);
        owedSum += r.pointsOwed;
        refundSum += r.refunds[0] as bigint;
        // Exactly the floored cumulative share, so never more than the proportional share.
        if (owedSum !== (points * BigInt(n)) / BigInt(quantity)) fail(`after ${n} units owed ${owedSum}`);
        if (owedSum * BigInt(quantity) > points * BigInt(n)) fail(`after ${n} units owed ${owedSum}, above the share`);
        if (refundSum * BigInt(quantity) > amountMinor * BigInt(n)) fail(`after ${n} units refunded ${refundSum}, above the share`);
        if (r.complete !== (n === quantity)) fail(`complete=${r.complete} after ${n} units`);
        s = after(s, r);
      }
      if (owedSum !== points) fail(`units one by one sum to ${owedSum}`);
      if (refundSum !== amountMinor) fail(`refunds sum to ${refundSum} of ${amountMinor}`);
      if (failures.length > 20) break;
    }
    expect(failures).toEqual([]);
  });

  it('a fully returned line refuses any further return', () => {
    const rnd = mulberry32(99);
    for (let run = 0; run < 50; run++) {
      const quantity = intIn(rnd, 1, 20);
      const s = rawSale([{ sku: 'x', quantity, amountMinor: BigInt(intIn(rnd, 0, 100_000)), points: BigInt(intIn(rnd, 0, 100_000)) }]);
      const done = after(s, returnOfSale(s, items(['x', quantity])));
      expect(() => returnOfSale(done, items(['x', 1]))).toThrow(ConflictError);
      expect(() => returnOfSale(done, full)).toThrow(ConflictError);
    }
  });

  it('realistic sales (overrides, duplicate SKUs, gift cards, redemptions, excluded payments) returned in random order', () => {
    const rnd = mulberry32(7);
    const skus = ['a', 'b', 'c', 'd'];
    const r = rules([
      { match: 'sku', value: 'b', earnPerUnit: 11n },
      { match: 'category', value: 'zero', earnPerUnit: 0n },
      { match: 'vendor', value: 'v', earnPerUnit: 2n },
    ]);
    for (let run = 0; run < 400; run++) {
      const lines: SaleLine[] = Array.from({ length: intIn(rnd, 1, 5) }, () => ({
        quantity: intIn(rnd, 1, 9),
        sku: skus[intIn(rnd, 0, skus.length - 1)] as string,
        unitPrice: intIn(rnd, 0, 20_000) / 100,
        ...(rnd() < 0.2 ? { categories: ['zero'] } : {}),
        ...(rnd() < 0.2 ? { vendor: 'v' } : {}),
      }));
      const total = lines.reduce((t, l) => t + Math.round((l.unitPrice as number) * 100) * l.quantity, 0);
      // Payment amounts in minor units first, so no float arithmetic on money.
      const quarter = (x: number) => Math.floor((total * x) / 4);
      const money = (minor: number) => minor / 100;
      const kind = run % 5;
      const payments: SalePayment[] =
        kind === 0
          ? []
          : kind === 1
            ? [{ type: 'Cash', amount: money(quarter(1)) }, { type: 'Card', awardsPoints: false }]
            : kind === 2
              ? [{ type: GIFT_CARD, amount: money(quarter(2)), reference: 'GC' }, { type: 'Cash' }]
              : kind === 3
                ? [{ type: 'Cash', amount: money(quarter(1)) }, { type: REDEMPTION, amount: money(quarter(3) - quarter(1)) }, { type: 'Card' }]
                : [{ type: REDEMPTION }, { type: 'Cash' }];
      // An auto-filled redemption takes what a random balance allows; explicit ones need enough points.
      const s0 = sale(lines, payments, r, kind === 4 ? BigInt(intIn(rnd, 0, 2_000_000)) : 10n ** 12n);
      const bought = s0.lines.map((l) => BigInt(l.quantity));
      const denominator = bought.reduce((a, b) => a * b, 1n);
      const boughtValue = sum(s0.lines.map((l) => BigInt(l.amountMinor)));

      let s = s0;
      const steps: SaleReturnAmounts[] = [];
      for (;;) {
        const left = returnableLines(s).filter((l) => l.returnable > 0);
        if (left.length === 0) break;
        let sel: ReturnSelection;
        if (rnd() < 0.1) sel = full;
        else {
          const sku = left[intIn(rnd, 0, left.length - 1)]?.sku as string;
          const remaining = left.filter((l) => l.sku === sku).reduce((t, l) => t + l.returnable, 0);
          sel = items([sku, intIn(rnd, 1, remaining)]);
        }
        const step = returnOfSale(s, sel);
        steps.push(step);
        s = after(s, step);

        expect(step.pointsOwed >= 0n && step.pointsReadded >= 0n).toBe(true);
        step.refunds.forEach((x) => expect(x >= 0n).toBe(true));
        const units = s.lines.map((l) => BigInt(s.returned.units[l.index] ?? 0));
        units.forEach((u, i) => expect(u <= (bought[i] as bigint)).toBe(true));
        // Cumulative points never exceed the proportional share of each line (Σ points·n/q, as one fraction).
        const share = sum(s.lines.map((l, i) => (BigInt(l.points) * (units[i] as bigint) * denominator) / (bought[i] as bigint)));
        expect(BigInt(s.returned.pointsOwed) * denominator <= share).toBe(true);
        // Re-added points and refunds never exceed the returned share of the value.
        const returnedValue = sum(s.lines.map((l, i) => (BigInt(l.amountMinor) * (units[i] as bigint) * denominator) / (bought[i] as bigint)));
        expect(BigInt(s.returned.pointsReadded) * boughtValue * denominator <= s0.pointsRedeemed * returnedValue).toBe(true);
        s.returned.refunded.forEach((x, i) => expect(BigInt(x) * boughtValue * denominator <= (s0.payments[i]?.amountMinor as bigint) * returnedValue).toBe(true));
        // What is still returnable plus what was taken is what the sale earned.
        expect(sum(returnableLines(s).map((l) => BigInt(l.pointsReturnable))) + BigInt(s.returned.pointsOwed)).toBe(s0.pointsEarned);
      }
      expect(steps.map((x) => x.complete)).toEqual([...Array(steps.length - 1).fill(false), true]);
      expect(totals(steps)).toEqual({ pointsOwed: s0.pointsEarned, pointsReadded: s0.pointsRedeemed, refunds: s0.payments.map((p) => p.amountMinor) });
      expect(() => returnOfSale(s, full)).toThrow(ConflictError);
    }
  });
});

describe('selectUnits input guard', () => {
  it('refuses a zero or negative quantity even when the API schema is bypassed', () => {
    const sale = fullSaleForGuard();
    expect(() => selectUnits(sale, { kind: 'line_item', lines: [{ sku: 'g', quantity: 0 }] })).toThrow('A returned quantity is a positive whole number');
    expect(() => selectUnits(sale, { kind: 'line_item', lines: [{ sku: 'g', quantity: -1 }] })).toThrow('A returned quantity is a positive whole number');
  });
});

function fullSaleForGuard() {
  return {
    uniqueId: 'guard',
    customerId: 'c',
    lines: [{ index: 0, sku: 'g', quantity: 2, amountMinor: '200', eligibleMinor: '200', rate: '6', points: '12' }],
    payments: [{ type: 'Cash', amountMinor: 200n, reference: null }],
    totalMinor: 200n,
    pointsEarned: 12n,
    pointsRedeemed: 0n,
    returned: { units: {}, pointsOwed: '0', pointsReadded: '0', refunded: ['0'] },
    pendingPoints: 0n,
    pendingTransferId: null,
    couponsUsed: false,
  };
}

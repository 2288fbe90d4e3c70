import { HubError, ValidationError } from '../errors';
import { calculateSale, GIFT_CARD, REDEMPTION, type SaleLine, type SalePayment } from '../transactions/calculate';
import type { PointRules } from '../transactions/rules';
import { customReturn, giftCardRefunds } from './custom-return';

/** The seed's scheme: 6 points per 1.00 (25.00 → 150); 100 points pay 1.00. */
const rules = (overrides: PointRules['overrides'] = []): PointRules => ({ currencyDecimals: 2, earnPerUnit: 6n, redeemPointsPerUnit: 100n, overrides });
const clothes: SaleLine = { quantity: 5, sku: 'sku-001', unitPrice: 12.0, unitSalePrice: 10.0, categories: ['Clothes', 'Summer'], vendor: 'Clothes Ltd.' };

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

describe('a custom return is priced like a sale with the current rules', () => {
  it('5 × 10.00 takes back the 300 points the sale would earn, refunds the payment', () => {
    expect(customReturn([clothes], [], rules())).toEqual({
      pointsOwed: 300n,
      pointsReadded: 0n,
      refunds: [{ type: 'Unspecified', amountMinor: 5000n, reference: null }],
      lines: [{ index: 0, sku: 'sku-001', quantity: 5 }],
    });
  });

  it('points equal calculateSale’s, with overrides, excluded payments and gift cards', () => {
    const r = rules([
      { match: 'sku', value: 'tv', earnPerUnit: 10n },
      { match: 'category', value: 'Summer', earnPerUnit: 3n },
    ]);
    const lines: SaleLine[] = [clothes, { quantity: 1, sku: 'tv', unitPrice: 499.99 }, { quantity: 3, unitPrice: 3.33 }];
    const payments: SalePayment[] = [{ type: 'Cash', amount: 300 }, { type: 'Card', amount: 150, awardsPoints: false }, { type: GIFT_CARD, reference: 'GC-7' }];
    const calc = calculateSale(lines, payments, r, 0n);
    const c = customReturn(lines, payments, r);
    expect(c.pointsOwed).toBe(calc.pointsEarned);
    // 50.00 + 499.99 + 9.99 = 559.98 of which 300.00 earns: shares 2679 / 26786 / 535 → 80 (Summer 3) + 2678 (tv 10) + 32 (6).
    expect(c.pointsOwed).toBe(2790n);
    expect(c.refunds).toEqual([
      { type: 'Cash', amountMinor: 30000n, reference: null },
      { type: 'Card', amountMinor: 15000n, reference: null },
      { type: GIFT_CARD, amountMinor: 10998n, reference: 'GC-7' },
    ]);
    expect(c.lines).toEqual([
      { index: 0, sku: 'sku-001', quantity: 5 },
      { index: 1, sku: 'tv', quantity: 1 },
      { index: 2, sku: null, quantity: 3 },
    ]);
  });

  it('uses the rules it is given (today’s), not any earlier rate', () => {
    const lines = [clothes];
    expect(customReturn(lines, [], rules()).pointsOwed).toBe(300n);
    expect(customReturn(lines, [], rules([{ match: 'category', value: 'clothes', earnPerUnit: 0n }])).pointsOwed).toBe(0n);
    expect(customReturn(lines, [], rules([{ match: 'vendor', value: 'Clothes Ltd.', earnPerUnit: 9n }])).pointsOwed).toBe(450n);
    expect(customReturn(lines, [], { ...rules(), earnPerUnit: 1n }).pointsOwed).toBe(50n);
  });

  it('a payment marked awardsPoints:false lowers the points taken back, as it lowered the sale’s', () => {
    const c = customReturn([clothes], [{ type: 'Cash', amount: 40 }, { type: 'Card', awardsPoints: false }], rules());
    expect(c.pointsOwed).toBe(240n);
    expect(c.refunds.map((x) => x.amountMinor)).toEqual([4000n, 1000n]);
  });

  it('a redemption with its amount re-adds its points and earns nothing on that part', () => {
    const c = customReturn([clothes], [{ type: 'Cash', amount: 40 }, { type: REDEMPTION, amount: 10 }], rules());
    expect(c).toMatchObject({ pointsOwed: 240n, pointsReadded: 1000n });
    expect(c.refunds).toEqual([
      { type: 'Cash', amountMinor: 4000n, reference: null },
      { type: REDEMPTION, amountMinor: 1000n, reference: null },
    ]);
  });

  it('re-added points are not limited by any balance', () => {
    const c = customReturn([{ quantity: 1, sku: 'tv', unitPrice: 50040 }], [{ type: 'Cash', amount: 40 }, { type: REDEMPTION, amount: 50000 }], rules());
    expect(c.pointsReadded).toBe(5_000_000n);
    expect(c.pointsOwed).toBe(240n);
  });

  it('a redemption paying for everything: no points taken back, all points re-added', () => {
    expect(customReturn([clothes], [{ type: REDEMPTION, amount: 50 }], rules())).toMatchObject({ pointsOwed: 0n, pointsReadded: 5000n });
  });

  it('a redemption amount is rounded up to the points it cost', () => {
    expect(customReturn([{ quantity: 1, unitPrice: 0.01 }], [{ type: REDEMPTION, amount: 0.01 }], { ...rules(), redeemPointsPerUnit: 150n }).pointsReadded).toBe(2n);
  });
});

describe('a custom return refuses', () => {
  it('a redemption without amount', () => {
    const e = thrown(() => customReturn([clothes], [{ type: 'Cash', amount: 40 }, { type: REDEMPTION }], rules()));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.type).toBe('validation_failed');
    expect(e.message).toBe('A redemption refunded by a custom return needs its amount');
    expect(e.details).toEqual([{ path: 'body.paymentMethods.1.amount', message: 'required' }]);
  });

  it('a negative quantity (no inline returns in a custom return)', () => {
    const e = thrown(() => customReturn([clothes, { ...clothes, quantity: -2 }], [], rules()));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe('A custom return lists the returned items with positive quantities');
    expect(e.details).toEqual([{ path: 'body.lineItems.1.quantity', message: 'must be positive' }]);
    expect(() => customReturn([{ ...clothes, quantity: -1 }], [], rules())).toThrow(ValidationError);
  });

  it('a zero quantity', () => {
    const e = thrown(() => customReturn([{ ...clothes, quantity: 0 }], [], rules()));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.details).toEqual([{ path: 'body.lineItems.0.quantity', message: 'must be positive' }]);
  });

  it('what a sale would refuse: no lines, mismatched payments, gift card without reference', () => {
    expect(() => customReturn([], [], rules())).toThrow('at least one line item');
    expect(() => customReturn([clothes], [{ type: 'Cash', amount: 40 }], rules())).toThrow('Payment methods add up to 40 but the line items total 50');
    expect(() => customReturn([clothes], [{ type: GIFT_CARD, amount: 50 }], rules())).toThrow('A gift card payment needs its reference');
    expect(() => customReturn([{ quantity: 1 }], [], rules())).toThrow('A line needs a price');
  });
});

describe('giftCardRefunds', () => {
  it('sums the refunds per card and skips other methods, zero amounts and missing references', () => {
    const byCard = giftCardRefunds([
      { type: GIFT_CARD, amountMinor: 500n, reference: 'A' },
      { type: 'Cash', amountMinor: 700n, reference: 'A' },
      { type: GIFT_CARD, amountMinor: 0n, reference: 'B' },
      { type: GIFT_CARD, amountMinor: 250n, reference: 'A' },
      { type: GIFT_CARD, amountMinor: 300n, reference: null },
      { type: GIFT_CARD, amountMinor: 40n, reference: 'C' },
      { type: GIFT_CARD, amountMinor: -5n, reference: 'D' },
    ]);
    expect([...byCard]).toEqual([
      ['A', 750n],
      ['C', 40n],
    ]);
  });

  it('of a custom return paid by two gift cards', () => {
    const c = customReturn(
      [clothes],
      [{ type: GIFT_CARD, amount: 20, reference: 'X' }, { type: 'Cash', amount: 5 }, { type: GIFT_CARD, amount: 25, reference: 'Y' }],
      rules(),
    );
    expect([...giftCardRefunds(c.refunds)]).toEqual([
      ['X', 2000n],
      ['Y', 2500n],
    ]);
    expect(c.pointsOwed).toBe(30n);
  });

  it('nothing to refund to cards', () => {
    expect(giftCardRefunds([]).size).toBe(0);
    expect(giftCardRefunds(customReturn([clothes], [], rules()).refunds).size).toBe(0);
  });
});

describe('properties (seeded random)', () => {
  it('always takes back what calculateSale would earn and re-adds what it would redeem', () => {
    const rnd = mulberry32(1234);
    const r = rules([
      { match: 'sku', value: 's1', earnPerUnit: 13n },
      { match: 'vendor', value: 'v', earnPerUnit: 0n },
      { match: 'category', value: 'k', earnPerUnit: 2n },
    ]);
    for (let run = 0; run < 500; run++) {
      const lines: SaleLine[] = Array.from({ length: intIn(rnd, 1, 4) }, () => ({
        quantity: intIn(rnd, 1, 12),
        sku: `s${intIn(rnd, 0, 3)}`,
        unitPrice: intIn(rnd, 0, 50_000) / 100,
        ...(rnd() < 0.3 ? { vendor: 'v' } : {}),
        ...(rnd() < 0.3 ? { categories: ['k'] } : {}),
      }));
      const total = lines.reduce((t, l) => t + Math.round((l.unitPrice as number) * 100) * l.quantity, 0);
      const redeemed = intIn(rnd, 0, total);
      const payments: SalePayment[] = [{ type: REDEMPTION, amount: redeemed / 100 }, { type: 'Cash', amount: (total - redeemed) / 100, awardsPoints: rnd() < 0.7 }];
      const calc = calculateSale(lines, payments, r, 10n ** 15n);
      const c = customReturn(lines, payments, r);
      expect(c.pointsOwed).toBe(calc.pointsEarned);
      expect(c.pointsReadded).toBe(calc.pointsRedeemed);
      expect(c.pointsReadded).toBe(BigInt(redeemed));
      expect(c.refunds.map((x) => x.amountMinor)).toEqual([BigInt(redeemed), BigInt(total - redeemed)]);
    }
  });
});

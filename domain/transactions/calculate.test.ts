import { apportion, calculateSale, fillPayments, type SaleLine } from './calculate';
import type { PointRules } from './rules';

/** The seed's scheme: 6 points per 1.00 (25.00 → 150); 100 points pay 1.00. */
const rules = (overrides: PointRules['overrides'] = []): PointRules => ({ currencyDecimals: 2, earnPerUnit: 6n, redeemPointsPerUnit: 100n, overrides });
const clothes: SaleLine = {
  quantity: 5,
  sku: 'sku-001',
  unitPrice: 12.0,
  unitSalePrice: 10.0,
  unitSalePriceBeforeTax: 8.47,
  promotions: ['10%Off'],
  categories: ['Clothes', 'Summer'],
  vendor: 'Clothes Ltd.',
};

describe('the seed examples', () => {
  it('minimal: 5 × 5.00 earns 150 points, paid "Unspecified" 25', () => {
    const r = calculateSale([{ quantity: 5, sku: 'sku-001', unitPrice: 5 }], [], rules(), 7830n);
    expect(r).toMatchObject({ totalMinor: 2500n, pointsEarned: 150n, pointsRedeemed: 0n });
    expect(r.payments).toEqual([{ type: 'Unspecified', amountMinor: 2500n, awardsPoints: true, reference: null }]);
  });

  it('complex: unitSalePrice is the price paid', () => {
    expect(calculateSale([{ quantity: 5, sku: 'sku-001', unitSalePrice: 5.0 }], [], rules(), 0n).pointsEarned).toBe(150n);
  });

  it('line details: the sale price counts, not the original or pre-tax one', () => {
    const r = calculateSale([clothes], [], rules(), 0n);
    expect(r).toMatchObject({ totalMinor: 5000n, pointsEarned: 300n });
  });

  it('point override: the Clothes category set to 0 earns nothing', () => {
    const r = calculateSale([clothes, { quantity: 1, sku: 'mug', unitPrice: 10 }], [], rules([{ match: 'category', value: 'clothes', earnPerUnit: 0n }]), 0n);
    expect(r.lines.map((l) => l.points)).toEqual([0n, 60n]);
  });

  it('one payment method without amount is auto-filled with the total', () => {
    expect(calculateSale([clothes], [{ type: 'Cash' }], rules(), 0n).payments).toEqual([
      { type: 'Cash', amountMinor: 5000n, awardsPoints: true, reference: null },
    ]);
  });

  it('an explicit amount must match the total', () => {
    expect(() => calculateSale([clothes], [{ type: 'Cash', amount: 40.0 }], rules(), 0n)).toThrow(
      'Payment methods add up to 40 but the line items total 50',
    );
    expect(calculateSale([clothes], [{ type: 'Cash', amount: 50.0 }], rules(), 0n).pointsEarned).toBe(300n);
  });

  it('several methods: the missing one is derived; awardsPoints:false earns nothing on its part', () => {
    const r = calculateSale([clothes], [{ type: 'Cash', amount: 40.0 }, { type: 'Card', awardsPoints: false }], rules(), 0n);
    expect(r.payments.map((p) => [p.type, p.amountMinor, p.awardsPoints])).toEqual([
      ['Cash', 4000n, true],
      ['Card', 1000n, false],
    ]);
    expect(r).toMatchObject({ eligibleMinor: 4000n, pointsEarned: 240n });
  });

  it('gift card: needs its reference, and its part earns nothing', () => {
    const r = calculateSale([clothes], [{ type: 'Cash', amount: 40.0 }, { type: 'Loyale Gift Card', reference: '4334603388774', amount: 10.0 }], rules(), 0n);
    expect(r).toMatchObject({ eligibleMinor: 4000n, pointsEarned: 240n, pointsRedeemed: 0n });
    expect(() => calculateSale([clothes], [{ type: 'Loyale Gift Card', amount: 50 }], rules(), 0n)).toThrow('A gift card payment needs its reference');
  });

  it('redemption with an amount: 10.00 costs 1,000 points and earns nothing', () => {
    const r = calculateSale([clothes], [{ type: 'Cash', amount: 40.0 }, { type: 'Loyale Redemption', amount: 10.0 }], rules(), 7980n);
    expect(r).toMatchObject({ pointsRedeemed: 1000n, pointsEarned: 240n });
  });

  it('redemption beyond the balance fails with the seed message', () => {
    const line = { quantity: 1, sku: 'tv', unitPrice: 50040 };
    expect(() => calculateSale([line], [{ type: 'Cash', amount: 40.0 }, { type: 'Loyale Redemption', amount: 50000.0 }], rules(), 7980n)).toThrow(
      'Customer does not have enough points for redemption. Required: 5000000 Current: 7980',
    );
  });

  it('redemption without amount takes the most the balance allows, with priority; cash gets the rest', () => {
    const rich = calculateSale([clothes], [{ type: 'Cash' }, { type: 'Loyale Redemption' }], rules(), 7980n);
    expect(rich.payments.map((p) => p.amountMinor)).toEqual([0n, 5000n]);
    expect(rich).toMatchObject({ pointsRedeemed: 5000n, pointsEarned: 0n });
    const poor = calculateSale([clothes], [{ type: 'Cash' }, { type: 'Loyale Redemption' }], rules(), 1050n);
    expect(poor.payments.map((p) => p.amountMinor)).toEqual([3950n, 1050n]);
    expect(poor).toMatchObject({ pointsRedeemed: 1050n, pointsEarned: 237n });
  });

  it('inline return: a negative line takes back exactly what the same line earns', () => {
    const r = calculateSale([clothes, { ...clothes, quantity: -2 }], [], rules(), 0n);
    expect(r.lines.map((l) => l.points)).toEqual([300n, -120n]);
    expect(r.pointsEarned).toBe(180n);
  });

  it('inline return: the transaction may not earn negative points', () => {
    const zeroRated = { ...clothes, categories: ['Clothes'] };
    const other = { quantity: -1, sku: 'mug', unitPrice: 10 };
    expect(() => calculateSale([zeroRated, other], [], rules([{ match: 'category', value: 'Clothes', earnPerUnit: 0n }]), 0n)).toThrow(
      /cannot be negative/,
    );
    expect(() => calculateSale([{ ...clothes, quantity: -1 }], [], rules(), 0n)).toThrow(/total cannot be negative/);
  });
});

describe('override precedence', () => {
  const o = rules([
    { match: 'category', value: 'Summer', earnPerUnit: 10n },
    { match: 'category', value: 'Clothes', earnPerUnit: 2n },
    { match: 'vendor', value: 'Clothes Ltd.', earnPerUnit: 4n },
    { match: 'sku', value: 'SKU-001', earnPerUnit: 8n },
  ]);
  it('SKU beats vendor beats category; the lowest matching category wins', () => {
    expect(calculateSale([clothes], [], o, 0n).lines[0]?.rate).toBe(8n);
    expect(calculateSale([{ ...clothes, sku: 'x' }], [], o, 0n).lines[0]?.rate).toBe(4n);
    expect(calculateSale([{ ...clothes, sku: 'x', vendor: 'y' }], [], o, 0n).lines[0]?.rate).toBe(2n);
    expect(calculateSale([{ ...clothes, sku: 'x', vendor: 'y', categories: ['z'] }], [], o, 0n).lines[0]?.rate).toBe(6n);
  });
});

describe('points per item (SKU overrides)', () => {
  const perCoffee = rules([{ match: 'sku', value: 'coffee', earnPerUnit: 0n, pointsPerItem: 10n }]);
  it('earns per item whatever the price, a free item too, recorded on the line', () => {
    const r = calculateSale([{ quantity: 3, sku: 'COFFEE', unitPrice: 0 }], [], perCoffee, 0n);
    expect(r).toMatchObject({ totalMinor: 0n, pointsEarned: 30n });
    expect(r.lines[0]?.points).toBe(30n);
  });
  it('adds to the rate, takes the tier percent, and takes it back on an inline return', () => {
    const both = rules([{ match: 'sku', value: 'coffee', earnPerUnit: 6n, pointsPerItem: 10n }]);
    expect(calculateSale([{ quantity: 2, sku: 'coffee', unitPrice: 5 }], [], both, 0n).pointsEarned).toBe(60n + 20n);
    expect(calculateSale([{ quantity: 3, sku: 'coffee', unitPrice: 0 }], [], { ...perCoffee, earnPercent: 150n }, 0n).pointsEarned).toBe(45n);
    const r = calculateSale([{ quantity: 3, sku: 'coffee', unitPrice: 0 }, { quantity: -1, sku: 'coffee', unitPrice: 0 }], [], perCoffee, 0n);
    expect(r.pointsEarned).toBe(20n);
  });
});

describe('validation', () => {
  it.each([
    [[{ quantity: 1.5, unitPrice: 1 }], 'Invalid quantity'],
    [[{ quantity: 0, unitPrice: 1 }], 'Invalid quantity'],
    [[{ quantity: 1 }], 'A line needs a price'],
    [[{ quantity: 1, unitPrice: 1.005 }], 'Invalid money amount'],
    [[{ quantity: 1, unitPrice: -1 }], 'Invalid price'],
    [[], 'at least one line item'],
  ])('%j → %s', (lines, message) => {
    expect(() => calculateSale(lines as SaleLine[], [], rules(), 0n)).toThrow(message);
  });

  it('allows one payment without amount at most', () => {
    expect(() => fillPayments([{ type: 'Cash' }, { type: 'Card' }], 100n, rules(), 0n)).toThrow('Only one payment method may omit its amount');
  });
});

describe('apportion', () => {
  it('splits exactly, the leftover to the largest remainders', () => {
    expect(apportion([100n, 100n, 100n], 300n, 100n)).toEqual([34n, 33n, 33n]);
    expect(apportion([5000n], 5000n, 4000n)).toEqual([4000n]);
    expect(apportion([3000n, -1000n], 2000n, 1000n)).toEqual([2000n, -1000n]);
  });

  it('always sums to the part (seeded random amounts)', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 500; run++) {
      const amounts = Array.from({ length: 1 + rnd(6) }, () => BigInt(1 + rnd(100_000)));
      const whole = amounts.reduce((s, a) => s + a, 0n);
      const part = BigInt(rnd(Number(whole) + 1));
      const shares = apportion(amounts, whole, part);
      expect(shares.reduce((s, a) => s + a, 0n)).toBe(part);
      shares.forEach((s, i) => expect(s >= 0n && s <= (amounts[i] as bigint)).toBe(true));
    }
  });
});

describe('amounts beyond the ledger bound (18446744073709)', () => {
  it('refuses a line whose quantity × price exceeds it, naming the line', () => {
    expect(() => calculateSale([{ quantity: 2147483647, unitPrice: 99999999 }], [], rules(), 0n)).toThrow(expect.objectContaining({ type: 'validation_failed', details: [expect.objectContaining({ path: 'body.lineItems.0' })] }));
    expect(() => calculateSale([{ quantity: -2147483647, unitPrice: 99999999 }, { quantity: 1, unitPrice: 1 }], [], rules(), 0n)).toThrow(/quantity × unit price/);
  });

  it('refuses lines that only together exceed it, and points beyond it', () => {
    const big = { quantity: 1, unitPrice: 100_000_000_000 }; // 10^13 minor units each
    expect(() => calculateSale([big, big], [], rules(), 0n)).toThrow(/line items together/);
    const rich: PointRules = { currencyDecimals: 2, earnPerUnit: 1_000_000n, redeemPointsPerUnit: 100n, overrides: [] };
    expect(() => calculateSale([{ quantity: 1, unitPrice: 100_000_000 }], [], rich, 0n)).toThrow(/points this sale earns/);
  });

  it('refuses a payment beyond it', () => {
    expect(() => fillPayments([{ type: 'card', amount: 999_999_999_999_999 }], 100n, rules(), 0n)).toThrow(/this payment/);
  });

  it('accepts the largest sale the ledger can hold', () => {
    const r = calculateSale([{ quantity: 1, unitPrice: 184_467_440_737.09 }], [], { ...rules(), earnPerUnit: 0n }, 0n);
    expect(r.totalMinor).toBe(18_446_744_073_709n);
  });
});

describe("a tier's earn multiplier", () => {
  it.each([
    [100n, 150n],
    [150n, 225n],
    [125n, 187n], // 187.5, rounded down once
    [0n, 0n],
  ])('%s %% of the rules earns %s points on 25.00', (percent, points) => {
    expect(calculateSale([{ quantity: 5, sku: 'sku-001', unitPrice: 5 }], [], { ...rules(), earnPercent: percent }, 0n).pointsEarned).toBe(points);
  });

  it('applies per line, on top of overrides', () => {
    const r = calculateSale([{ quantity: 1, sku: 'double', unitPrice: 10 }, { quantity: 1, sku: 'plain', unitPrice: 10 }], [], { ...rules([{ match: 'sku', value: 'double', earnPerUnit: 12n }]), earnPercent: 200n }, 0n);
    expect(r.lines.map((l) => l.points)).toEqual([240n, 120n]);
  });
});

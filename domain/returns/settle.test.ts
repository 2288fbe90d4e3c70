import { returnResult, returnType } from './result';
import { settleReturn, type Settlement } from './settle';
import type { ReturnPolicy } from './types';

const settle = (owed: bigint, opts: { readded?: bigint; pending?: bigint; available?: bigint; policy?: ReturnPolicy } = {}) =>
  settleReturn({ owed, readded: opts.readded ?? 0n, pending: opts.pending ?? 0n, available: opts.available ?? 0n, policy: opts.policy ?? 'within_balance' });

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

describe('pending points go first', () => {
  it.each<ReturnPolicy>(['within_balance', 'allow_negative'])('pending covers all of it (%s): only pending is voided, the balance is untouched', (policy) => {
    expect(settle(100n, { pending: 150n, available: 40n, policy })).toEqual({
      fromPending: 100n,
      fromExpired: 0n,
      fromAvailable: 0n,
      shortfall: 0n,
      pendingAfter: 50n,
      availableBefore: 40n,
      availableAfter: 40n,
    });
  });

  it('pending exactly the owed points: all voided, nothing pending after', () => {
    expect(settle(150n, { pending: 150n, available: 0n })).toEqual({
      fromPending: 150n,
      fromExpired: 0n,
      fromAvailable: 0n,
      shortfall: 0n,
      pendingAfter: 0n,
      availableBefore: 0n,
      availableAfter: 0n,
    });
  });

  it('pending covers part: the rest comes from the available balance', () => {
    expect(settle(100n, { pending: 30n, available: 500n })).toEqual({
      fromPending: 30n,
      fromExpired: 0n,
      fromAvailable: 70n,
      shortfall: 0n,
      pendingAfter: 0n,
      availableBefore: 500n,
      availableAfter: 430n,
    });
  });

  it('nothing pending: all from the available balance', () => {
    expect(settle(100n, { available: 500n })).toEqual({
      fromPending: 0n,
      fromExpired: 0n,
      fromAvailable: 100n,
      shortfall: 0n,
      pendingAfter: 0n,
      availableBefore: 500n,
      availableAfter: 400n,
    });
  });

  it('nothing owed: nothing moves, re-added points still land in the balance', () => {
    expect(settle(0n, { pending: 80n, available: 10n, readded: 25n })).toEqual({
      fromPending: 0n,
      fromExpired: 0n,
      fromAvailable: 0n,
      shortfall: 0n,
      pendingAfter: 80n,
      availableBefore: 10n,
      availableAfter: 35n,
    });
  });
});

describe("the sale's expired points", () => {
  it('come back from breakage after the pending points, before the balance', () => {
    expect(settleReturn({ owed: 150n, readded: 0n, pending: 20n, available: 500n, policy: 'within_balance', expired: 100n })).toEqual({
      fromPending: 20n, fromExpired: 100n, fromAvailable: 30n, shortfall: 0n, pendingAfter: 0n, availableBefore: 500n, availableAfter: 470n,
    });
  });

  it('never more than the return owes', () => {
    expect(settleReturn({ owed: 60n, readded: 0n, pending: 0n, available: 0n, policy: 'within_balance', expired: 100n })).toMatchObject({ fromExpired: 60n, fromAvailable: 0n, shortfall: 0n });
  });
});

describe('re-added points count before the deduction', () => {
  it.each<ReturnPolicy>(['within_balance', 'allow_negative'])('an empty balance plus re-added points covers the deduction (%s)', (policy) => {
    expect(settle(300n, { readded: 500n, available: 0n, policy })).toEqual({
      fromPending: 0n,
      fromExpired: 0n,
      fromAvailable: 300n,
      shortfall: 0n,
      pendingAfter: 0n,
      availableBefore: 0n,
      availableAfter: 200n,
    });
  });

  it('with pending too: pending first, then balance + re-added', () => {
    expect(settle(300n, { pending: 100n, readded: 150n, available: 60n })).toEqual({
      fromPending: 100n,
      fromExpired: 0n,
      fromAvailable: 200n,
      shortfall: 0n,
      pendingAfter: 0n,
      availableBefore: 60n,
      availableAfter: 10n,
    });
  });
});

describe('within_balance', () => {
  it('points already spent: takes what is there and records the shortfall', () => {
    expect(settle(300n, { available: 120n })).toEqual({
      fromPending: 0n,
      fromExpired: 0n,
      fromAvailable: 120n,
      shortfall: 180n,
      pendingAfter: 0n,
      availableBefore: 120n,
      availableAfter: 0n,
    });
  });

  it('pending, re-added and balance all used, the rest is shortfall', () => {
    expect(settle(500n, { pending: 100n, readded: 100n, available: 50n })).toEqual({
      fromPending: 100n,
      fromExpired: 0n,
      fromAvailable: 150n,
      shortfall: 250n,
      pendingAfter: 0n,
      availableBefore: 50n,
      availableAfter: 0n,
    });
  });

  it('an empty balance: nothing taken, all shortfall', () => {
    expect(settle(75n, {})).toEqual({ fromPending: 0n, fromExpired: 0n, fromAvailable: 0n, shortfall: 75n, pendingAfter: 0n, availableBefore: 0n, availableAfter: 0n });
  });

  it('a balance already below zero is not taken lower', () => {
    expect(settle(75n, { available: -20n })).toEqual({
      fromPending: 0n,
      fromExpired: 0n,
      fromAvailable: 0n,
      shortfall: 75n,
      pendingAfter: 0n,
      availableBefore: -20n,
      availableAfter: -20n,
    });
    expect(settle(75n, { available: -20n, readded: 50n })).toMatchObject({ fromAvailable: 30n, shortfall: 45n, availableAfter: 0n });
  });

  it('exactly the balance: no shortfall, zero left', () => {
    expect(settle(120n, { available: 120n })).toMatchObject({ fromAvailable: 120n, shortfall: 0n, availableAfter: 0n });
  });
});

describe('allow_negative', () => {
  it('takes it all: the balance goes negative, no shortfall', () => {
    expect(settle(300n, { available: 120n, policy: 'allow_negative' })).toEqual({
      fromPending: 0n,
      fromExpired: 0n,
      fromAvailable: 300n,
      shortfall: 0n,
      pendingAfter: 0n,
      availableBefore: 120n,
      availableAfter: -180n,
    });
  });

  it('still voids pending first and counts re-added points', () => {
    expect(settle(500n, { pending: 100n, readded: 100n, available: 50n, policy: 'allow_negative' })).toEqual({
      fromPending: 100n,
      fromExpired: 0n,
      fromAvailable: 400n,
      shortfall: 0n,
      pendingAfter: 0n,
      availableBefore: 50n,
      availableAfter: -250n,
    });
  });

  it('a negative balance goes further down', () => {
    expect(settle(30n, { available: -20n, policy: 'allow_negative' })).toMatchObject({ fromAvailable: 30n, shortfall: 0n, availableAfter: -50n });
  });
});

describe('properties (seeded random)', () => {
  it('accounts for every owed point, never takes pending or balance it should not', () => {
    const rnd = mulberry32(4242);
    for (let run = 0; run < 3000; run++) {
      const owed = BigInt(intIn(rnd, 0, 10_000));
      const readded = rnd() < 0.5 ? 0n : BigInt(intIn(rnd, 0, 5_000));
      const pending = rnd() < 0.4 ? 0n : BigInt(intIn(rnd, 0, 10_000));
      const available = BigInt(intIn(rnd, -2_000, 10_000));
      const policy: ReturnPolicy = rnd() < 0.5 ? 'within_balance' : 'allow_negative';
      const s = settleReturn({ owed, readded, pending, available, policy });
      const ctx = JSON.stringify({ owed, readded, pending, available, policy }, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

      expect([ctx, s.fromPending + s.fromAvailable + s.shortfall]).toEqual([ctx, owed]);
      expect([ctx, s.fromPending >= 0n, s.fromAvailable >= 0n, s.shortfall >= 0n]).toEqual([ctx, true, true, true]);
      expect([ctx, s.fromPending]).toEqual([ctx, owed < pending ? owed : pending]);
      expect([ctx, s.pendingAfter]).toEqual([ctx, pending - s.fromPending]);
      expect([ctx, s.availableBefore, s.availableAfter]).toEqual([ctx, available, available + readded - s.fromAvailable]);
      if (policy === 'allow_negative') {
        expect([ctx, s.shortfall]).toEqual([ctx, 0n]);
      } else {
        const spendable = available + readded;
        // Never below zero because of this return; a shortfall only when everything spendable was taken.
        expect([ctx, s.availableAfter >= (spendable < 0n ? spendable : 0n)]).toEqual([ctx, true]);
        if (s.shortfall > 0n) expect([ctx, s.availableAfter <= 0n, s.fromAvailable]).toEqual([ctx, true, spendable > 0n ? spendable : 0n]);
      }
    }
  });
});

describe('returnResult (the response)', () => {
  const settlement: Settlement = { fromPending: 40n, fromExpired: 0n, fromAvailable: 60n, shortfall: 25n, pendingAfter: 10n, availableBefore: 500n, availableAfter: 640n };

  it('reports where the points came from and what is left', () => {
    const r = returnResult({
      status: 'COMPLETED',
      kind: 'line_item',
      uniqueId: 'ret-1',
      saleUniqueId: 'sale-1',
      customerId: 'cust-1',
      readded: 200n,
      settlement,
      refunds: [
        { type: 'Cash', amountMinor: 1234n, reference: null },
        { type: 'Card', amountMinor: 0n, reference: null },
        { type: 'Loyale Gift Card', amountMinor: 500n, reference: 'GC-1' },
      ],
      decimals: 2,
      lines: [{ index: 0, sku: 'sku-001', quantity: 2 }],
    });
    expect(r).toEqual({
      status: 'COMPLETED',
      uniqueId: 'ret-1',
      transactionUniqueId: 'sale-1',
      customerId: 'cust-1',
      returnType: 'Line Item: sale-1',
      pointsDeducted: 100,
      pointsReadded: 200,
      pendingPointsVoided: 40,
      shortfall: 25,
      usedPaymentMethods: [
        { type: 'Cash', amount: 12.34 },
        { type: 'Loyale Gift Card', amount: 5, reference: 'GC-1' },
      ],
      pointsBefore: 500,
      pointsAfter: 640,
      pendingPointsAfter: 10,
      lines: [{ index: 0, sku: 'sku-001', quantity: 2 }],
    });
  });

  it('negative balances and zero-decimal currencies come through', () => {
    const r = returnResult({
      status: 'SIMULATED',
      kind: 'custom',
      uniqueId: 'ret-2',
      saleUniqueId: null,
      customerId: 'cust-1',
      readded: 0n,
      settlement: settleReturn({ owed: 300n, readded: 0n, pending: 0n, available: 120n, policy: 'allow_negative' }),
      refunds: [{ type: 'Cash', amountMinor: 1500n, reference: null }],
      decimals: 0,
      lines: [],
    });
    expect(r).toMatchObject({ status: 'SIMULATED', returnType: 'Custom', transactionUniqueId: null, pointsDeducted: 300, pointsAfter: -180, shortfall: 0 });
    expect(r.usedPaymentMethods).toEqual([{ type: 'Cash', amount: 1500 }]);
  });

  it('names the return type like Loyale', () => {
    expect(returnType('full', 'abc')).toBe('Full Transaction: abc');
    expect(returnType('line_item', 'abc')).toBe('Line Item: abc');
    expect(returnType('custom', null)).toBe('Custom');
  });
});

import { assertCanDebit, assertWithinSupply, captureAmount, InsufficientPointsError, pendingLeg, postedLeg, resolvePendingLeg, reversalAmount } from './rules';
import { available, zeroTotals, type WalletTotals } from './wallet';

const totals = (t: Partial<WalletTotals>): WalletTotals => ({ ...zeroTotals(), ...t });

describe('available', () => {
  it('is posted credits less posted and pending debits (pending credits do not count yet)', () => {
    expect(available(totals({ creditsPosted: 100n, debitsPosted: 30n, debitsPending: 20n, creditsPending: 50n }))).toBe(50n);
  });
});

describe('assertCanDebit', () => {
  const customer = (t: Partial<WalletTotals>) => ({ kind: 'customer' as const, totals: totals(t) });
  it('allows spending exactly what is available', () => {
    expect(() => assertCanDebit(customer({ creditsPosted: 10n }), 10n, false)).not.toThrow();
  });
  it('refuses one point more, naming both figures', () => {
    expect(() => assertCanDebit(customer({ creditsPosted: 10n, debitsPending: 3n }), 8n, false)).toThrow(
      new InsufficientPointsError(7n, 8n),
    );
  });
  it('lets a flagged transfer overdraw, and never guards system wallets', () => {
    expect(() => assertCanDebit(customer({}), 5n, true)).not.toThrow();
    expect(() => assertCanDebit({ kind: 'issuance', totals: totals({}) }, 5n, false)).not.toThrow();
  });
});

describe('assertWithinSupply', () => {
  it('counts posted and pending issuance against maxSupply', () => {
    const issuance = totals({ debitsPosted: 80n, creditsPosted: 10n, debitsPending: 5n });
    expect(() => assertWithinSupply(issuance, 25n, 100n)).not.toThrow();
    expect(() => assertWithinSupply(issuance, 26n, 100n)).toThrow(expect.objectContaining({ type: 'business_rule_violated' }));
    expect(() => assertWithinSupply(issuance, 10n ** 12n, null)).not.toThrow();
  });
});

describe('capture and reversal bounds', () => {
  it('captures all by default, or 1..held', () => {
    expect(captureAmount(50n, undefined)).toBe(50n);
    expect(captureAmount(50n, 1n)).toBe(1n);
    expect(() => captureAmount(50n, 51n)).toThrow();
    expect(() => captureAmount(50n, 0n)).toThrow();
  });
  it('reverses all by default, or 1..original', () => {
    expect(reversalAmount(30n, undefined)).toBe(30n);
    expect(() => reversalAmount(30n, 31n)).toThrow();
    expect(() => reversalAmount(30n, -1n)).toThrow();
  });
});

describe('legs', () => {
  it('move only the named total', () => {
    expect(postedLeg(zeroTotals(), 'debit', 5n)).toEqual(totals({ debitsPosted: 5n }));
    expect(pendingLeg(zeroTotals(), 'credit', 5n)).toEqual(totals({ creditsPending: 5n }));
  });
  it('resolve a hold: all of it leaves pending, the captured part becomes posted', () => {
    expect(resolvePendingLeg(totals({ debitsPending: 60n }), 'debit', 60n, 25n)).toEqual(totals({ debitsPosted: 25n }));
    expect(resolvePendingLeg(totals({ creditsPending: 60n }), 'credit', 60n, 0n)).toEqual(zeroTotals());
  });
});

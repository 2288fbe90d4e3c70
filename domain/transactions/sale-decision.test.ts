import { BusinessRuleError } from '../errors';
import type { SaleContext } from './ports';
import { afterSale, decideSale, purchaseEvent, type SaleCommand } from './sale-decision';
import { decideHeldSale, holdLedgerOp, pointsToHold } from './held-sale';

const ctx = (over: Partial<SaleContext> = {}): SaleContext => ({
  customerId: 'c1',
  customerStatus: 'ACTIVE',
  outletId: 'o1',
  accountId: 'a1',
  walletId: 'w1',
  available: '1000',
  currencyDecimals: 2,
  rules: { earnPerUnit: '6', redeemPointsPerUnit: '100', overrides: [], returnWindowSeconds: 0, returnPolicy: 'within_balance' },
  giftCards: {},
  coupons: {},
  now: '2026-12-02T10:00:00.000Z',
  partnerEvents: [],
  busListening: false,
  ...over,
});
const cmd = (sale: Partial<SaleCommand['sale']> = {}): SaleCommand => ({
  schemeId: 's1',
  uniqueId: 'u1',
  requestHash: 'h',
  statusUrl: 'http://x/status/u1',
  sale: { lines: [{ quantity: 5, unitPrice: 5 }], payments: [], coupons: [], ...sale },
});

describe('decideSale', () => {
  it('earns 150 for the seed example: one mint leg, result as Loyale answers it', () => {
    const d = decideSale(cmd(), ctx());
    expect(d.ops).toEqual([expect.objectContaining({ type: 'mint', accountId: 'a1', walletId: 'w1', amount: 150n, pending: false, code: 'earn', externalId: 'u1' })]);
    expect(d.result).toMatchObject({ customerId: 'c1', status: 'COMPLETED', pointsEarned: 150, pointsRedeemed: 0, pointsBefore: 1000, pointsAfter: 1150 });
    expect(d.pendingUntil).toBeNull();
    expect(d.lines).toEqual([expect.objectContaining({ points: '150' })]);
  });

  it('burns the redemption and mints the earn on the rest, as one set', () => {
    const d = decideSale(cmd({ lines: [{ quantity: 1, unitPrice: 20 }], payments: [{ type: 'Cash' }, { type: 'Loyale Redemption', amount: 5 }] }), ctx());
    expect(d.ops.map((o) => [o.type, 'amount' in o ? o.amount : null])).toEqual([['burn', 500n], ['mint', 90n]]);
    expect(d.result).toMatchObject({ pointsRedeemed: 500, pointsEarned: 90, pointsAfter: 590 });
  });

  it('posts the earn pending for the return window and says until when', () => {
    const d = decideSale(cmd(), ctx({ rules: { ...ctx().rules, returnWindowSeconds: 3600 } }));
    expect(d.ops).toEqual([expect.objectContaining({ type: 'mint', pending: true, code: 'earn_pending' })]);
    expect(d.pendingUntil).toBe('2026-12-02T11:00:00.000Z');
    expect(d.result).toMatchObject({ pointsPending: 150, pendingUntil: '2026-12-02T11:00:00.000Z', pointsAfter: 1000 });
  });

  it('refuses what the rules refuse, with the documented errors', () => {
    expect(() => decideSale(cmd({ payments: [{ type: 'Loyale Redemption', amount: 25 }] }), ctx({ available: '10' }))).toThrow(BusinessRuleError);
    expect(() => decideSale(cmd({ coupons: ['NOPE'] }), ctx())).toThrow('Coupon NOPE does not exist');
    expect(() => decideSale(cmd({ payments: [{ type: 'Loyale Gift Card', reference: 'G1' }] }), ctx())).toThrow('Gift card G1 was not found');
  });
});

describe('afterSale', () => {
  const purchase = purchaseEvent({ schemeId: 's1', uniqueId: 'u1', customerId: 'c1', outletId: 'o1', calc: decideSale(cmd(), ctx()).calc, lines: [], pendingUntil: null, occurredAt: 'now' });
  it('records nothing when nothing follows (no window, no connection, nobody listening)', () => {
    expect(afterSale({ schemeId: 's1', uniqueId: 'u1', customerId: 'c1', pendingUntil: null, partnerEvents: ['customer'], purchase, listening: false })).toBeNull();
  });
  it('orders the window, the partner sync and the delivery, in the customer’s lane', () => {
    const batch = afterSale({ schemeId: 's1', uniqueId: 'u1', customerId: 'c1', pendingUntil: 'later', partnerEvents: ['sale'], purchase, listening: true });
    expect(batch).toMatchObject({ schemeId: 's1', key: 'sale/u1', lane: 'c1' });
    expect(batch?.steps.map((s) => s.kind)).toEqual(['pendingWindow', 'partnerSync', 'hubEvent']);
  });
});

describe('holds', () => {
  it('holds points as given, or an amount at the redemption rate rounded up; nothing is refused', () => {
    expect(pointsToHold({ points: '300' }, ctx())).toBe(300n);
    expect(pointsToHold({ amount: 2.5 }, ctx())).toBe(250n);
    expect(pointsToHold({ amount: 0.015 }, { ...ctx(), currencyDecimals: 3 })).toBe(2n);
    expect(() => pointsToHold({ points: '0' }, ctx())).toThrow('Nothing to hold');
    expect(holdLedgerOp({ holdId: 'h1', accountId: 'a1', walletId: 'w1', points: 5n, timeoutAt: 't' })).toMatchObject({ type: 'burn', pending: true, timeoutAt: 't', amount: 5n });
  });

  it('redeems with the sale: the held points pay first, captured for what was used, the earn in the same set', () => {
    const d = decideHeldSale({ ...cmd({ lines: [{ quantity: 5, unitSalePrice: 10 }], payments: [{ type: 'Cash' }] }), pendingTransferId: 'p1', held: 300n }, ctx({ available: '700' }));
    expect(d.ops.map((o) => o.type)).toEqual(['capture', 'mint']);
    expect(d.ops[0]).toMatchObject({ pendingTransferId: 'p1', amount: 300n, code: 'hold_capture' });
    expect(d.result).toMatchObject({ pointsRedeemed: 300, pointsEarned: 282, pointsBefore: 1000, pointsAfter: 982 });
  });

  it('releases the hold when the sale needed none of it', () => {
    const d = decideHeldSale({ ...cmd({ lines: [{ quantity: 1, unitPrice: 1 }], payments: [{ type: 'Cash', amount: 1 }] }), pendingTransferId: 'p1', held: 300n }, ctx());
    expect(d.ops[0]).toMatchObject({ type: 'void', pendingTransferId: 'p1' });
  });
});

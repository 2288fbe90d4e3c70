import { saleSideEvents, type SaleSideFacts } from './side-events';
import type { Coupon } from './ports';

const coupon = (code: string, book: boolean): Coupon => ({ code, type: 'amount_off', value: 100, customerId: null, validFrom: null, validTo: null, usedAt: null, usedBy: null, book: book ? { id: 'b-1', status: 'published', validFrom: null, validTo: null, tiers: [] } : null });
const facts = (over: Partial<SaleSideFacts> = {}): SaleSideFacts => ({
  schemeId: 's-1',
  uniqueId: 'u-1',
  customerId: 'c-1',
  occurredAt: '2026-12-04T10:00:00.000Z',
  calc: { pointsEarned: 60n, pointsRedeemed: 10n },
  posted: true,
  ledgerKey: 'sale/u-1',
  coupons: [coupon('Z-SIMPLE', false), coupon('A-BOOK', true)],
  ...over,
});

describe('saleSideEvents', () => {
  it('raises nothing when nothing listens', () => {
    expect(saleSideEvents(facts(), [])).toEqual([]);
  });

  it('raises each listened type once, keyed by the sale, in a stable order', () => {
    const events = saleSideEvents(facts(), ['benefit-used', 'coupon-code-used', 'ledger-transaction-created']);
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['ledger-transaction-created', 'ledger/sale/u-1'],
      ['coupon-code-used', 'coupon/sale/u-1/A-BOOK'],
      ['benefit-used', 'benefit/sale/u-1/Z-SIMPLE'],
    ]);
    expect(events[0]?.payload).toEqual({ systemUniqueKey: 'sale/u-1', code: 'sale', saleUniqueId: 'u-1', points: '50', pointsEarned: '60', pointsRedeemed: '10' });
    expect(events[1]?.payload).toEqual({ couponBookId: 'b-1', code: 'A-BOOK', saleUniqueId: 'u-1' });
    expect(events[2]?.payload).toEqual({ code: 'Z-SIMPLE', type: 'amount_off', value: 100, saleUniqueId: 'u-1' });
  });

  it('raises only the listened types, and no ledger event for a sale that posted nothing', () => {
    expect(saleSideEvents(facts(), ['benefit-used']).map((e) => e.type)).toEqual(['benefit-used']);
    expect(saleSideEvents(facts({ posted: false, coupons: [] }), ['ledger-transaction-created', 'coupon-code-used', 'benefit-used'])).toEqual([]);
  });
});

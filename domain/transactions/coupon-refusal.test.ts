import type { Coupon } from './ports';
import { couponRefusal } from './price-sale';

const now = '2026-12-04T12:00:00.000Z';
const simple: Coupon = { code: 'C-1', type: 'amount_off', value: 500, customerId: null, validFrom: null, validTo: null, usedAt: null, usedBy: null };
const fromBook = (book: Partial<NonNullable<Coupon['book']>>, coupon: Partial<Coupon> = {}): Coupon => ({ ...simple, ...coupon, book: { status: 'published', validFrom: null, validTo: null, tiers: [], ...book } });

describe('couponRefusal', () => {
  it('lets a fresh simple coupon be used by anyone, and the sale that used it on its retry', () => {
    expect(couponRefusal(simple, { now, saleUniqueId: 's-1' })).toBeNull();
    expect(couponRefusal({ ...simple, usedAt: now, usedBy: 's-1' }, { now, saleUniqueId: 's-1' })).toBeNull();
    expect(couponRefusal({ ...simple, usedAt: now, usedBy: 's-1' }, { now, saleUniqueId: 's-2' })).toBe('was already used');
  });

  it("refuses another customer's coupon and one outside its own window (an assignment's expiry)", () => {
    expect(couponRefusal({ ...simple, customerId: 'c-1' }, { customerId: 'c-2', now, saleUniqueId: null })).toBe('belongs to another customer');
    expect(couponRefusal({ ...simple, validTo: '2026-12-01T00:00:00Z' }, { now, saleUniqueId: null })).toBe('has expired');
  });

  it("applies a book's rules: published, in its window, for the customer's tier", () => {
    expect(couponRefusal(fromBook({}, { customerId: 'c-1' }), { customerId: 'c-1', now, saleUniqueId: null, tierId: null })).toBeNull();
    expect(couponRefusal(fromBook({}), { customerId: 'c-1', now, saleUniqueId: null, tierId: null })).toBe('is from a coupon book and not assigned to a member');
    expect(couponRefusal(fromBook({ status: 'disabled' }), { now, saleUniqueId: null, tierId: null })).toBe('is from a coupon book that is disabled, not published');
    expect(couponRefusal(fromBook({ validTo: '2026-12-01T00:00:00Z' }), { now, saleUniqueId: null, tierId: null })).toBe('is from a coupon book that has expired');
    expect(couponRefusal(fromBook({ tiers: ['gold'] }), { now, saleUniqueId: null, tierId: 'gold' })).toBeNull();
    expect(couponRefusal(fromBook({ tiers: ['gold'] }), { now, saleUniqueId: null, tierId: null })).toBe("is from a coupon book that is not for the member's tier");
  });

  it('leaves the tier unjudged when no customer is named (a look-up before the sale)', () => {
    expect(couponRefusal(fromBook({ tiers: ['gold'] }), { now, saleUniqueId: null })).toBeNull();
  });
});

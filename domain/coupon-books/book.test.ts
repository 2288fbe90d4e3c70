import { bookRefusal, type CouponBook } from './book';

const open: Pick<CouponBook, 'publishingStatus' | 'validFrom' | 'validTo' | 'tiers'> = { publishingStatus: 'published', validFrom: '2026-12-01T00:00:00.000Z', validTo: '2026-12-31T23:59:59.000Z', tiers: [] };
const at = (now: string, tierId: string | null = null) => ({ now, tierId });

describe('bookRefusal', () => {
  it('lets a published book in its window be used by any member when it names no tiers', () => {
    expect(bookRefusal(open, at('2026-12-04T12:00:00Z'))).toBeNull();
    expect(bookRefusal({ ...open, validFrom: null, validTo: null }, at('2030-01-01T00:00:00Z'))).toBeNull();
  });

  it.each(['draft', 'disabled', 'archived'] as const)('refuses a %s book', (publishingStatus) => {
    expect(bookRefusal({ ...open, publishingStatus }, at('2026-12-04T12:00:00Z'))).toBe(`is ${publishingStatus}, not published`);
  });

  it('refuses before and after the window, its edges included in it', () => {
    expect(bookRefusal(open, at('2026-11-30T23:59:59Z'))).toBe('is not valid yet');
    expect(bookRefusal(open, at('2026-12-01T00:00:00Z'))).toBeNull();
    expect(bookRefusal(open, at('2026-12-31T23:59:59Z'))).toBeNull();
    expect(bookRefusal(open, at('2027-01-01T00:00:00Z'))).toBe('has expired');
  });

  it("admits only the book's tiers when it names some, and no member without a tier", () => {
    const gold = { ...open, tiers: ['t-gold', 't-silver'] };
    expect(bookRefusal(gold, at('2026-12-04T12:00:00Z', 't-gold'))).toBeNull();
    expect(bookRefusal(gold, at('2026-12-04T12:00:00Z', 't-bronze'))).toBe("is not for the member's tier");
    expect(bookRefusal(gold, at('2026-12-04T12:00:00Z', null))).toBe("is not for the member's tier");
  });
});

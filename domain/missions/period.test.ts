import { periodKey } from './period';

describe('periodKey', () => {
  const malta = 'Europe/Malta';
  it('days turn over at local midnight, not UTC midnight', () => {
    expect(periodKey(new Date('2026-11-29T22:59:59.999Z'), 'day', malta)).toBe('2026-11-29');
    expect(periodKey(new Date('2026-11-29T23:00:00.000Z'), 'day', malta)).toBe('2026-11-30');
    expect(periodKey(new Date('2026-11-30T04:59:59Z'), 'day', 'America/New_York')).toBe('2026-11-29');
    expect(periodKey(new Date('2026-11-30T05:00:00Z'), 'day', 'America/New_York')).toBe('2026-11-30');
  });
  it('weeks run Monday to Sunday in the local calendar', () => {
    expect(periodKey(new Date('2026-11-29T22:59:59Z'), 'week', malta)).toBe('2026-W48'); // Sunday 23:59:59 local
    expect(periodKey(new Date('2026-11-29T23:00:00Z'), 'week', malta)).toBe('2026-W49'); // Monday 00:00 local
    expect(periodKey(new Date('2026-11-23T00:00:00Z'), 'week', 'UTC')).toBe('2026-W48');
  });
  it('follows ISO 8601 across year ends', () => {
    expect(periodKey(new Date('2027-01-01T12:00:00Z'), 'week', 'UTC')).toBe('2026-W53'); // 2026 starts on a Thursday: 53 weeks
    expect(periodKey(new Date('2027-01-04T12:00:00Z'), 'week', 'UTC')).toBe('2027-W01');
    expect(periodKey(new Date('2024-12-30T12:00:00Z'), 'week', 'UTC')).toBe('2025-W01');
    expect(periodKey(new Date('2026-01-01T12:00:00Z'), 'week', 'UTC')).toBe('2026-W01');
    expect(periodKey(new Date('2021-01-03T12:00:00Z'), 'week', 'UTC')).toBe('2020-W53');
  });
  it('months turn over at local midnight of the first', () => {
    expect(periodKey(new Date('2026-11-30T22:59:59Z'), 'month', malta)).toBe('2026-11');
    expect(periodKey(new Date('2026-11-30T23:00:00Z'), 'month', malta)).toBe('2026-12');
    expect(periodKey(new Date('2026-12-31T23:30:00Z'), 'month', malta)).toBe('2027-01');
  });
  it('handles the DST change (local day is 25 hours long)', () => {
    // Malta leaves summer time on 2026-10-25 at 03:00 local (01:00 UTC).
    expect(periodKey(new Date('2026-10-24T21:59:59Z'), 'day', malta)).toBe('2026-10-24');
    expect(periodKey(new Date('2026-10-24T22:00:00Z'), 'day', malta)).toBe('2026-10-25');
    expect(periodKey(new Date('2026-10-25T22:59:59Z'), 'day', malta)).toBe('2026-10-25');
    expect(periodKey(new Date('2026-10-25T23:00:00Z'), 'day', malta)).toBe('2026-10-26');
  });
  it('agrees with a day-by-day walk for every day of three years', () => {
    let expectedWeek = 1;
    let isoYear = 2025; // 2024-12-30 is Monday of 2025-W01
    for (let t = Date.UTC(2024, 11, 30, 12); t < Date.UTC(2027, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      if (d.getUTCDay() === 1 && t !== Date.UTC(2024, 11, 30, 12)) {
        expectedWeek += 1;
        const thursday = new Date(t + 3 * 86_400_000);
        if (thursday.getUTCFullYear() !== isoYear) {
          isoYear = thursday.getUTCFullYear();
          expectedWeek = 1;
        }
      }
      expect(periodKey(d, 'week', 'UTC')).toBe(`${isoYear}-W${String(expectedWeek).padStart(2, '0')}`);
    }
  });
});

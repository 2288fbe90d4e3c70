import { localMidnight, lotExpiry } from './lot-expiry';

const at = (iso: string) => new Date(iso);

describe('lotExpiry: the end of the month N months after earning, in the scheme zone', () => {
  it.each([
    // earned (UTC instant), months, zone, expires (first instant after the last spendable day)
    ['2026-01-15T10:00:00Z', 12, 'UTC', '2027-02-01T00:00:00.000Z'],
    ['2026-01-31T23:59:59Z', 1, 'UTC', '2026-03-01T00:00:00.000Z'],
    // Leap years: earned in a February, expiring after a 29th
    ['2027-02-10T12:00:00Z', 12, 'UTC', '2028-03-01T00:00:00.000Z'],
    ['2028-02-29T12:00:00Z', 1, 'UTC', '2028-04-01T00:00:00.000Z'],
    // A December month rolls the year
    ['2026-12-31T12:00:00Z', 1, 'UTC', '2027-02-01T00:00:00.000Z'],
    ['2026-12-01T00:00:00Z', 24, 'UTC', '2029-01-01T00:00:00.000Z'],
    // The scheme's zone decides the month: 23:30 UTC on 31 January is 1 February in Malta
    ['2026-01-31T23:30:00Z', 1, 'Europe/Malta', '2026-03-31T22:00:00.000Z'],
    ['2026-01-31T22:30:00Z', 1, 'Europe/Malta', '2026-02-28T23:00:00.000Z'],
    // ... and 03:00 UTC on 1 March is still February in New York
    ['2026-03-01T03:00:00Z', 1, 'America/New_York', '2026-04-01T04:00:00.000Z'],
    // DST: Malta's midnight is UTC+1 in winter, UTC+2 in summer
    ['2026-02-10T12:00:00Z', 1, 'Europe/Malta', '2026-03-31T22:00:00.000Z'],
    ['2026-09-10T12:00:00Z', 1, 'Europe/Malta', '2026-10-31T23:00:00.000Z'],
    // Southern hemisphere: Sydney leaves DST in April
    ['2026-03-10T12:00:00Z', 1, 'Australia/Sydney', '2026-04-30T14:00:00.000Z'],
    // A zone that changes clocks at midnight (Havana falls back at 01:00 to 00:00 on 1 Nov 2026): the later midnight
    ['2025-09-15T12:00:00Z', 13, 'America/Havana', '2026-11-01T05:00:00.000Z'],
  ])('earned %s, %i months, %s → %s', (earned, months, tz, expires) => {
    expect(lotExpiry(at(earned), months, tz)?.toISOString()).toBe(expires);
  });

  it.each([null, 0, -1])('never expires with %p months', (months) => {
    expect(lotExpiry(at('2026-01-15T10:00:00Z'), months, 'UTC')).toBeNull();
  });

  it('is always the first of a month at local midnight, after the earning', () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2029, 0, 1); t += 86_400_000 * 3.7) {
      const e = lotExpiry(new Date(t), 3, 'Europe/Malta') as Date;
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Malta', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(e);
      expect(local).toBe('01, 00:00');
      expect(e.getTime()).toBeGreaterThan(t);
    }
  });

  it('maps a local midnight to its instant', () => {
    expect(localMidnight(2026, 3, 29, 'Europe/Malta').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(localMidnight(2026, 3, 30, 'Europe/Malta').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});

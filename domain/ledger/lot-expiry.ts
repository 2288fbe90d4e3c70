import { localParts } from '../local-time';

/**
 * When points earned at `earnedAt` into an account with `expiresInMonths`
 * expire: at the end of the month that is that many months after the month
 * they were earned in, in the scheme's time zone — that is, the first instant
 * of the month after it (exclusive). Earned 2026-01-15 with 12 months: they
 * are spendable through 2027-01-31 and gone at 2027-02-01 00:00 local.
 * Null or 0 months: never. The ledger's trigger computes the same date in SQL
 * (ledger_lot_expiry); test/ledger-lots.test.ts holds the two together.
 */
export function lotExpiry(earnedAt: Date, expiresInMonths: number | null, timeZone: string): Date | null {
  if (!expiresInMonths || expiresInMonths <= 0) return null;
  const { year, month } = localParts(earnedAt, timeZone);
  const target = month - 1 + expiresInMonths + 1; // zero-based month index of the month after the last one
  return localMidnight(year + Math.floor(target / 12), (target % 12) + 1, 1, timeZone);
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant that is 00:00 of a local date. Where that wall time happens
 * twice or not at all (a zone changing its clocks at midnight) the zone's
 * smaller offset is used, as PostgreSQL's `timestamp at time zone` does.
 */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // The zone's offsets either side of that day: a clock change near midnight is among them.
  const offsets = [...new Set([-1, 0, 1].map((d) => offsetAt(new Date(wall + d * 86_400_000), timeZone)))];
  const valid = offsets.filter((o) => offsetAt(new Date(wall - o), timeZone) === o);
  return new Date(wall - Math.min(...(valid.length > 0 ? valid : offsets)));
}

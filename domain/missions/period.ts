import { localParts } from '../local-time';

/** Completion caps per calendar period, counted in the scheme's time zone. */
export const repetitionPeriods = ['day', 'week', 'month'] as const;
export type RepetitionPeriod = (typeof repetitionPeriods)[number];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The period an instant falls in, as a stable key: `2026-11-30` (day),
 * `2026-W49` (ISO 8601 week: Monday to Sunday, week 1 holds the year's first
 * Thursday), `2026-11` (month), all in the scheme's local calendar.
 */
export function periodKey(at: Date, period: RepetitionPeriod, timeZone: string): string {
  const { year, month, day } = localParts(at, timeZone);
  if (period === 'day') return `${year}-${pad(month)}-${pad(day)}`;
  if (period === 'month') return `${year}-${pad(month)}`;
  // Calendar arithmetic on the local date only (noon UTC avoids any clock question).
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(isoYear, 0, 4, 12));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 86_400_000;
  const week = 1 + Math.round((date.getTime() - weekday * 86_400_000 - firstMonday) / (7 * 86_400_000));
  return `${isoYear}-W${pad(week)}`;
}

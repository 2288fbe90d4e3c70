import type { Window } from '../../domain/stats/ports';
import type { Query } from '../ledger/ledger-engine';

/**
 * A day is rolled up only this long after it ended in the scheme's zone: a
 * row stamped 23:59:59 may commit a moment later (transactions here are held
 * for seconds at most — statement and idle-in-transaction timeouts), and a
 * roll-up taken before that commit would miss it for good.
 */
const SETTLE = '1 hour';

/**
 * The part of a window served by roll-ups: whole settled days of the zone,
 * contiguous; the rest is counted live. A row belongs to the local date of its
 * instant — on both sides, so a day whose midnight is lived twice (clocks
 * going back at 01:00 to 00:00, as in Havana) keeps its first hour wherever
 * the boundary instant falls.
 */
export interface Covered {
  days: Array<{ day: string; s: string; e: string }>;
  /** [from, to) of the covered days; equal to the window's end when no day is covered. */
  from: string;
  to: string;
}

export async function coveredDays(q: Query, zone: string, w: Window): Promise<Covered> {
  const days = await q<{ day: string; s: Date; e: Date }>(
    `select to_char(d, 'YYYY-MM-DD') as day, d at time zone b.z as s, (d + interval '1 day') at time zone b.z as e
       from (select ?::timestamptz as f, least(?::timestamptz, now() - interval '${SETTLE}') as t, ?::text as z) b,
            generate_series(date_trunc('day', b.f at time zone b.z), date_trunc('day', b.t at time zone b.z), interval '1 day') d
      where d at time zone b.z >= b.f and (d + interval '1 day') at time zone b.z <= b.t
      order by d`,
    [w.from, w.to, zone],
  );
  const rows = days.map((d) => ({ day: d.day, s: new Date(d.s).toISOString(), e: new Date(d.e).toISOString() }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first && last ? { days: rows, from: first.s, to: last.e } : { days: [], from: w.to, to: w.to };
}

/**
 * Rolls up the covered days not rolled up yet, in one statement: `source`
 * gives `(day, figures)` for the days with activity between two instants (SQL
 * expressions it is handed), grouped by the zone's day — one range scan, not
 * one per day (a year of per-day index scans fetches a million heap rows at
 * random). A day without activity is stored as `{}`. Racing readers both
 * compute; the primary key keeps one.
 */
export async function fillDays(
  q: Query,
  key: { schemeId: string; scopeId: string; metric: string; zone: string },
  covered: Covered,
  source: (from: string, to: string) => { sql: string; params: unknown[] },
): Promise<number> {
  if (covered.days.length === 0) return 0;
  const found = source('(select lo from bounds)', '(select hi from bounds)');
  const rows = await q(
    `with missing as (
       select d.day, d.s, d.e from jsonb_to_recordset(?::jsonb) as d(day date, s timestamptz, e timestamptz)
        where not exists (select 1 from stats_days x where x.scope_id = ? and x.metric = ? and x.zone = ? and x.day = d.day)),
     -- A day's rows by local date may start before its first instant (a repeated midnight hour): a day of margin each side.
     bounds as (select min(s) - interval '1 day' as lo, max(e) + interval '1 day' as hi from missing),
     found as (${found.sql})
     insert into stats_days (scope_id, metric, zone, day, scheme_id, figures)
     select ?, ?, ?, m.day, ?, coalesce(f.figures, '{}'::jsonb) from missing m left join found f on f.day = m.day
     on conflict do nothing returning day`,
    [JSON.stringify(covered.days), key.scopeId, key.metric, key.zone, ...found.params, key.scopeId, key.metric, key.zone, key.schemeId],
  );
  return rows.length;
}

/** The rolled-up rows of the covered days, as a SQL source `(day, figures)` with its parameters. */
export function rolledUp(key: { scopeId: string; metric: string; zone: string }, covered: Covered): { sql: string; params: unknown[] } {
  const first = covered.days[0]?.day ?? '9999-12-31';
  const last = covered.days[covered.days.length - 1]?.day ?? '0001-01-01';
  return {
    sql: 'select day, figures from stats_days where scope_id = ? and metric = ? and zone = ? and day between ?::date and ?::date',
    params: [key.scopeId, key.metric, key.zone, first, last],
  };
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The window's rows whose local date is outside the covered days: a SQL
 * condition on `column` with its parameters — two index ranges, each at most a
 * day beyond the uncovered edge, filtered by local date.
 */
export function uncovered(column: string, zone: string, w: Window, covered: Covered): { sql: string; params: unknown[] } {
  const first = covered.days[0]?.day;
  const last = covered.days[covered.days.length - 1]?.day;
  if (!first || !last) return { sql: `(${column} >= ? and ${column} < ?)`, params: [w.from, w.to] };
  const local = `(${column} at time zone ?)::date`;
  const before = iso(Math.min(Date.parse(w.to), Date.parse(covered.from) + DAY_MS));
  const after = iso(Math.max(Date.parse(w.from), Date.parse(covered.to) - DAY_MS));
  return {
    sql: `((${column} >= ? and ${column} < ? and ${local} < ?::date) or (${column} >= ? and ${column} < ? and ${local} > ?::date))`,
    params: [w.from, before, zone, first, after, w.to, zone, last],
  };
}

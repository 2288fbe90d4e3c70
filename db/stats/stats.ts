import { NotFoundError } from '../../domain/errors';
import type { StatsRepository, Window } from '../../domain/stats/ports';
import { queryIn, type Query } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { coveredDays, fillDays, rolledUp, uncovered } from './days';

const POSTED = `status in ('posted', 'posted_from_pending')`;
/** The longest window a stat takes (domain/stats: 366 days). */
const ROLL_UP_DAYS = 366;

/** The scheme's time zone, for day buckets (a day in Malta is not a UTC day). */
async function zoneOf(q: Query, schemeId: string): Promise<string> {
  const [row] = await q<{ time_zone: string }>('select time_zone from schemes where id = ?', [schemeId]);
  if (!row) throw new NotFoundError('Scheme');
  return row.time_zone;
}

const tagged = (column: string, tag: string | undefined) => (tag ? { sql: ` and ${column} @> ?::jsonb`, params: [JSON.stringify([tag])] } : { sql: '', params: [] });

/** Rolls up the members-by-day days of the window that are settled and not rolled up yet. */
async function fillMembers(q: Query, schemeId: string, zone: string, w: Window) {
  const key = { schemeId, scopeId: schemeId, metric: 'members', zone };
  const covered = await coveredDays(q, zone, w);
  const filled = await fillDays(q, key, covered, (from, to) => ({
    sql: `select (created_at at time zone ?)::date as day, jsonb_build_object('count', count(*)) as figures
            from customers where scheme_id = ? and created_at >= ${from} and created_at < ${to} group by 1`,
    params: [zone, schemeId],
  }));
  return { key, covered, filled };
}

/** The same for one ledger account's posted transfers by code. */
async function fillAccount(q: Query, schemeId: string, accountId: string, zone: string, w: Window) {
  const key = { schemeId, scopeId: accountId, metric: 'ledger-account', zone };
  const covered = await coveredDays(q, zone, w);
  const filled = await fillDays(q, key, covered, (from, to) => ({
    sql: `select day, jsonb_object_agg(code, jsonb_build_array(n, amount::text)) as figures from (
             select (created_at at time zone ?)::date as day, code, count(*) as n, sum(amount) as amount from transfers
              where account_id = ? and ${POSTED} and created_at >= ${from} and created_at < ${to} group by 1, 2) g group by day`,
    params: [zone, accountId],
  }));
  return { key, covered, filled };
}

export class PgStats implements StatsRepository {
  constructor(private readonly orm: Orm) {}

  private q(): Query {
    return queryIn(this.orm.em.fork());
  }

  /**
   * Settled days from their roll-ups (stats_days), the window's edges and
   * today by the index customers (scheme_id, created_at, id).
   */
  async membersByDay(schemeId: string, w: Window) {
    const q = this.q();
    const zone = await zoneOf(q, schemeId);
    const { key, covered } = await fillMembers(q, schemeId, zone, w);
    const done = rolledUp(key, covered);
    const live = uncovered('created_at', zone, w, covered);
    // Days are cut with date_trunc and formatted once per day, not per row (to_char on every row costs most of the query).
    return q<{ date: string; count: number }>(
      `select to_char(day, 'YYYY-MM-DD') as date, sum(n)::int as count from (
         select day::timestamp as day, (figures->>'count')::bigint as n from (${done.sql}) r
         union all
         select date_trunc('day', created_at at time zone ?), count(*) from customers where scheme_id = ? and ${live.sql} group by 1) d
        group by day having sum(n) > 0 order by day`,
      [...done.params, zone, schemeId, ...live.params],
    );
  }

  /** hub_events (scheme_id, created_at, type): an index-only range of the window. */
  eventsByType(schemeId: string, w: Window) {
    return this.q()<{ type: string; count: number }>(
      'select type, count(*)::int as count from hub_events where scheme_id = ? and created_at >= ? and created_at < ? group by type order by count desc, type',
      [schemeId, w.from, w.to],
    );
  }

  /** Settled days from their roll-ups, the rest by transfers (account_id, created_at): transfers are never updated, so a day stays counted. */
  async ledgerAccount(schemeId: string, accountId: string, w: Window) {
    const q = this.q();
    if ((await q('select 1 from ledger_accounts where id = ? and scheme_id = ?', [accountId, schemeId])).length === 0) throw new NotFoundError('Ledger account');
    const zone = await zoneOf(q, schemeId);
    const { key, covered } = await fillAccount(q, schemeId, accountId, zone, w);
    const done = rolledUp(key, covered);
    const live = uncovered('created_at', zone, w, covered);
    return q<{ code: string; count: number; amount: string }>(
      `select code, sum(n)::int as count, sum(amount)::text as amount from (
         select f.key as code, (f.value->>0)::bigint as n, (f.value->>1)::numeric as amount from (${done.sql}) r, jsonb_each(r.figures) f
         union all
         select code, count(*), sum(amount) from transfers where account_id = ? and ${POSTED} and ${live.sql} group by code) t
        group by code order by code`,
      [...done.params, accountId, ...live.params],
    );
  }

  /** mission_contributions (scheme_id, created_at): the window's contributions, undone ones left out. */
  missions(schemeId: string, w: Window, tag?: string) {
    const t = tagged('m.tags', tag);
    return this.q()<{ missionId: string; code: string; name: string; completions: number; participants: number }>(
      `select m.id as "missionId", m.code, m.name, coalesce(sum(jsonb_array_length(c.completed)), 0)::int as completions, count(distinct c.customer_id)::int as participants
         from missions m
         left join mission_contributions c on c.mission_id = m.id and c.scheme_id = m.scheme_id and c.created_at >= ? and c.created_at < ? and c.rolled_back_at is null
        where m.scheme_id = ?${t.sql} group by m.id order by completions desc, m.code`,
      [w.from, w.to, schemeId, ...t.params],
    );
  }

  topMissionMembers(schemeId: string, w: Window, limit: number, tag?: string) {
    const t = tagged('m.tags', tag);
    return this.q()<{ customerId: string; completions: number; counted: string }>(
      `select c.customer_id as "customerId", sum(jsonb_array_length(c.completed))::int as completions, sum(c.amount)::text as counted
         from mission_contributions c join missions m on m.id = c.mission_id
        where c.scheme_id = ? and c.created_at >= ? and c.created_at < ? and c.rolled_back_at is null${t.sql}
        group by c.customer_id order by completions desc, sum(c.amount) desc, c.customer_id limit ?`,
      [schemeId, w.from, w.to, ...t.params, limit],
    );
  }

  /** coupons (scheme_id, assigned_at) and (scheme_id, used_at) where book_id is not null: the window's hand-outs and uses. */
  couponBooks(schemeId: string, w: Window, tag?: string) {
    const t = tagged('b.tags', tag);
    return this.q()<{ couponBookId: string; name: string; assigned: number; used: number; discountType: string; discountMinor: string }>(
      `with assigned as (
         select book_id, count(*)::int as n from coupons where scheme_id = ? and book_id is not null and assigned_at >= ? and assigned_at < ? group by book_id),
       used as (
         select book_id, count(*)::int as n from coupons where scheme_id = ? and book_id is not null and used_at >= ? and used_at < ? group by book_id)
       select b.id as "couponBookId", b.name, coalesce(a.n, 0) as assigned, coalesce(u.n, 0) as used, b.discount_type as "discountType",
              (case when b.discount_type = 'amount_off' then coalesce(u.n, 0)::bigint * b.discount_amount else 0 end)::text as "discountMinor"
         from coupon_books b left join assigned a on a.book_id = b.id left join used u on u.book_id = b.id
        where b.scheme_id = ?${t.sql} order by used desc, b.name`,
      [schemeId, w.from, w.to, schemeId, w.from, w.to, schemeId, ...t.params],
    );
  }

  /**
   * The hourly roll-up (workflow rollUpStats): for a page of schemes after
   * `after`, the settled days of the last 366 not rolled up yet — members and
   * every ledger account — so a reader finds them done. Idempotent: a day is
   * stored once.
   */
  async rollUp(after: string | null, limit: number) {
    const q = this.q();
    const schemes = await q<{ id: string; time_zone: string }>('select id, time_zone from schemes where ?::uuid is null or id > ?::uuid order by id limit ?', [after, after, limit]);
    const now = Date.now();
    const year = { from: new Date(now - ROLL_UP_DAYS * 86_400_000).toISOString(), to: new Date(now).toISOString() };
    let days = 0;
    for (const s of schemes) {
      days += (await fillMembers(q, s.id, s.time_zone, year)).filled;
      for (const a of await q<{ id: string }>('select id from ledger_accounts where scheme_id = ? order by id', [s.id])) days += (await fillAccount(q, s.id, a.id, s.time_zone, year)).filled;
    }
    return { schemes: schemes.length, days, last: schemes.length === limit ? (schemes[limit - 1]?.id ?? null) : null };
  }
}

import type { FollowUp, FollowUpBatch } from '../../domain/follow-ups';
import type { Query } from '../ledger/ledger-engine';
import type { Write } from '../writes';

/** In the operation's own transaction: its follow-ups commit with it or not at all. */
export async function recordFollowUps(q: Query, batch: FollowUpBatch): Promise<void> {
  const w = followUpsWrite(batch);
  await q(w.sql, w.params);
}

/** The insert as a statement, to run alone or with a transaction's other writes (db/writes.ts). */
export function followUpsWrite(batch: FollowUpBatch): Write {
  return {
    sql: `insert into follow_ups (scheme_id, key, lane, steps, created_at) values (?, ?, ?, ?::jsonb, now()) on conflict (scheme_id, key) do nothing`,
    params: [batch.schemeId, batch.key, batch.lane, JSON.stringify(batch.steps)],
  };
}

export interface ClaimedBatch {
  id: string;
  schemeId: string;
  key: string;
  lane: string;
  steps: FollowUp[];
  attempts: number;
}

/**
 * Claims up to `limit` batches for `leaseMs`: only the oldest open batch of
 * each lane (so one customer's follow-ups start in commit order, whichever
 * relay runs them), skipping rows another relay holds.
 */
export async function claimFollowUps(q: Query, limit: number, leaseMs: number): Promise<ClaimedBatch[]> {
  const rows = await q<{ id: string; scheme_id: string; key: string; lane: string; steps: FollowUp[]; attempts: number }>(
    `update follow_ups f set claimed_until = now() + make_interval(secs => ?::double precision / 1000), attempts = f.attempts + 1
      where f.id in (
        select o.id from follow_ups o
         where (o.claimed_until is null or o.claimed_until < now())
           and (o.queue is null or o.queue = current_setting('hub.outbox', true))
           and not exists (select 1 from follow_ups e where e.lane = o.lane and e.id < o.id)
         order by o.id limit ? for update skip locked)
      returning f.id, f.scheme_id, f.key, f.lane, f.steps, f.attempts`,
    [leaseMs, limit],
  );
  return rows.map((r) => ({ id: String(r.id), schemeId: r.scheme_id, key: r.key, lane: r.lane, steps: r.steps, attempts: r.attempts }));
}

export async function completeFollowUps(q: Query, id: string): Promise<void> {
  await q('delete from follow_ups where id = ?', [id]);
}

/** A batch whose start failed waits `delayMs` (its lane waits with it) and keeps the error for ops. */
export async function deferFollowUps(q: Query, id: string, error: string, delayMs: number): Promise<void> {
  await q('update follow_ups set claimed_until = now() + make_interval(secs => ?::double precision / 1000), last_error = ? where id = ?', [delayMs, error.slice(0, 2000), id]);
}

export async function pendingFollowUps(q: Query): Promise<number> {
  const [row] = await q<{ n: number }>('select count(*)::int as n from follow_ups');
  return row?.n ?? 0;
}

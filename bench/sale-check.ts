import type { Orm } from '../db/orm';
import { queryIn } from '../db/ledger/ledger-engine';
import { textArray } from '../db/sql-arrays';

export interface Acknowledged {
  uniqueId: string;
  /** 201 (posted) or 202 (accepted, still running): both promise the sale will be posted, once. */
  status: number;
}

const INITIAL = 100_000n;

/**
 * Every acknowledged sale against the ledger, once the 202s have had time to
 * finish: lost = acknowledged with no sale recorded; doubled = a sale with
 * more ledger legs than it has (redemption, earn); balances off = customers
 * whose wallet differs from their starting points plus what their recorded
 * sales earned minus what they redeemed (any posting twice, or a leg
 * missing, shows there).
 */
export async function checkSales(orm: Orm, world: { schemeId: string; customers: string[] }, acknowledged: Acknowledged[], waitMs = 120_000) {
  const q = queryIn(orm.em.fork());
  const ids = [...new Set(acknowledged.map((a) => a.uniqueId))];
  const recorded = async () =>
    new Set((await q<{ unique_id: string }>('select unique_id from sales where scheme_id = ? and unique_id = any(?::text[])', [world.schemeId, textArray(ids)])).map((r) => r.unique_id));
  let found = await recorded();
  for (const until = Date.now() + waitMs; found.size < ids.length && Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 1000));
    found = await recorded();
  }
  const legs = await q<{ unique_id: string; legs: number; expected: number }>(
    `select s.unique_id, (select count(*)::int from transfers t where t.scheme_id = s.scheme_id and (t.system_unique_key = 'sale/' || s.unique_id or t.system_unique_key like 'sale/' || s.unique_id || '#%')) as legs,
            (case when s.points_redeemed > 0 then 1 else 0 end + case when s.points_earned > 0 then 1 else 0 end)::int as expected
       from sales s where s.scheme_id = ?`,
    [world.schemeId],
  );
  const balances = await q<{ customer_id: string; available: string; expected: string }>(
    `select w.customer_id, (w.credits_posted - w.debits_posted - w.debits_pending)::text as available,
            (? + coalesce((select sum(s.points_earned - s.points_redeemed) from sales s where s.scheme_id = w.scheme_id and s.customer_id = w.customer_id), 0))::text as expected
       from wallets w where w.scheme_id = ? and w.kind = 'customer' and w.customer_id = any(?::uuid[])`,
    [INITIAL.toString(), world.schemeId, `{${world.customers.join(',')}}`],
  );
  return {
    acknowledged: ids.length,
    posted: found.size,
    lost: ids.filter((id) => !found.has(id)).length,
    doubled: legs.filter((l) => l.legs > l.expected).length,
    balancesOff: balances.filter((b) => b.available !== b.expected).length,
  };
}

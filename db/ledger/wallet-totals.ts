/**
 * A wallet's totals in SQL: its row plus the sum of its slices
 * (`wallet_counters`, system wallets only; nothing for the others). Use as
 * `select w.id, …, ${WALLET_TOTALS} from wallets w ${WALLET_SLICES}`.
 */
export const WALLET_SLICES = `left join lateral (
    select coalesce(sum(c.debits_posted), 0) as dp, coalesce(sum(c.credits_posted), 0) as cp,
           coalesce(sum(c.debits_pending), 0) as dq, coalesce(sum(c.credits_pending), 0) as cq
      from wallet_counters c where c.wallet_id = w.id) wc on true`;

export const WALLET_TOTALS = `(w.debits_posted + wc.dp)::text as debits_posted, (w.credits_posted + wc.cp)::text as credits_posted,
       (w.debits_pending + wc.dq)::text as debits_pending, (w.credits_pending + wc.cq)::text as credits_pending`;

/** How many slices a system wallet's totals are spread over: requests contend only when they pick the same one. */
export const SLICES = 16;

/** A request's slice, from its key: a retry adds to the same one. */
export function sliceOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % SLICES;
}

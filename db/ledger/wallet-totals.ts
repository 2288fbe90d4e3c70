/**
 * A wallet's totals in SQL: its row plus the sum of its slices
 * (`wallet_counters`, system wallets only; nothing for the others). Most reads
 * want WALLET_ROWS; the pieces are for queries that select more.
 */
export const WALLET_SLICES = `left join lateral (
    select coalesce(sum(c.debits_posted), 0) as dp, coalesce(sum(c.credits_posted), 0) as cp,
           coalesce(sum(c.debits_pending), 0) as dq, coalesce(sum(c.credits_pending), 0) as cq
      from wallet_counters c where c.wallet_id = w.id) wc on true`;

export const WALLET_TOTALS = `(w.debits_posted + wc.dp)::text as debits_posted, (w.credits_posted + wc.cp)::text as credits_posted,
       (w.debits_pending + wc.dq)::text as debits_pending, (w.credits_pending + wc.cq)::text as credits_pending`;

/** Wallets (as `w`) with their totals, in the shape of WalletRow: add the `where`. */
export const WALLET_ROWS = `select w.id, w.scheme_id, w.account_id, w.kind, w.customer_id, ${WALLET_TOTALS} from wallets w ${WALLET_SLICES}`;

/** How many slices a system wallet's totals are spread over: transactions contend only when they land on the same one. */
export const SLICES = 16;

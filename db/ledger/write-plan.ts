import type { WalletTotals } from '../../domain/ledger/wallet';
import type { Query } from './ledger-engine';
import type { TransferRow } from './rows';
import { SLICES } from './wallet-totals';

export interface WalletWrites {
  /** Holder wallets (locked): their new totals. */
  totals: Map<string, WalletTotals>;
  /** System wallets (not locked): what this request adds, into its transaction's slice. */
  deltas: Map<string, WalletTotals>;
}

const columns = (t: WalletTotals) => ({
  debits_posted: t.debitsPosted.toString(),
  credits_posted: t.creditsPosted.toString(),
  debits_pending: t.debitsPending.toString(),
  credits_pending: t.creditsPending.toString(),
});

/**
 * A plan's writes in one statement: the transfers inserted, the holder
 * wallets' totals set and the system wallets' slices added to, together
 * (data-modifying CTEs run as one), so a ledger request costs one round trip
 * to write whatever its size. The slice is the transaction's own
 * (`txid_current() % 16`): a transaction that posts several times (a mission
 * paying several repetitions) adds to one slice per system wallet, and within
 * a statement slices are taken in wallet order. Two transactions can still
 * wait on each other only if both touch two system wallets in opposite orders
 * across separate posts — no use case does (a multi-post transaction touches
 * issuance only); PostgreSQL would abort one, and 40P01 is retried.
 */
export async function writePlan(q: Query, transfers: Array<TransferRow & { metadata: Record<string, unknown> }>, writes: WalletWrites): Promise<void> {
  const totals = [...writes.totals].map(([id, t]) => ({ id, ...columns(t) }));
  const deltas = [...writes.deltas].sort(([a], [b]) => (a < b ? -1 : 1)).map(([wallet_id, t]) => ({ wallet_id, ...columns(t) }));
  await q(
    `with inserted as (
       insert into transfers (id, scheme_id, account_id, debit_wallet_id, credit_wallet_id, amount, status, code, description, tags, metadata, external_id,
                              external_event_date, system_unique_key, request_hash, pending_id, timeout_at, reversal_of, atomic_set_id, allow_overdraft, created_at)
       select id, scheme_id, account_id, debit_wallet_id, credit_wallet_id, amount, status, code, description, tags, metadata, external_id,
              external_event_date, system_unique_key, request_hash, pending_id, timeout_at, reversal_of, atomic_set_id, allow_overdraft, created_at
         from json_populate_recordset(null::transfers, ?::json)),
     sliced as (
       insert into wallet_counters (wallet_id, slot, debits_posted, credits_posted, debits_pending, credits_pending)
       select wallet_id, (txid_current() % ${SLICES})::smallint, debits_posted, credits_posted, debits_pending, credits_pending
         from json_populate_recordset(null::wallet_counters, ?::json)
       on conflict (wallet_id, slot) do update
          set debits_posted = wallet_counters.debits_posted + excluded.debits_posted,
              credits_posted = wallet_counters.credits_posted + excluded.credits_posted,
              debits_pending = wallet_counters.debits_pending + excluded.debits_pending,
              credits_pending = wallet_counters.credits_pending + excluded.credits_pending)
     -- A data-modifying WITH runs exactly once, referenced or not.
     update wallets w set debits_posted = v.debits_posted, credits_posted = v.credits_posted, debits_pending = v.debits_pending, credits_pending = v.credits_pending
       from json_populate_recordset(null::wallets, ?::json) v
      where w.id = v.id`,
    [JSON.stringify(transfers), JSON.stringify(deltas), JSON.stringify(totals)],
    { name: 'ledger_write_plan' },
  );
}

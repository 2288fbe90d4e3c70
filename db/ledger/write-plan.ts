import type { WalletTotals } from '../../domain/ledger/wallet';
import type { Query } from './ledger-engine';
import type { TransferRow } from './rows';

/**
 * A plan's writes in one statement: the transfers inserted and the changed
 * wallets' totals set, together (data-modifying CTEs run as one), so a ledger
 * request costs one round trip to write whatever its size.
 */
export async function writePlan(q: Query, transfers: Array<TransferRow & { metadata: Record<string, unknown> }>, wallets: Map<string, WalletTotals>): Promise<void> {
  const totals = [...wallets].map(([id, t]) => ({
    id,
    debits_posted: t.debitsPosted.toString(),
    credits_posted: t.creditsPosted.toString(),
    debits_pending: t.debitsPending.toString(),
    credits_pending: t.creditsPending.toString(),
  }));
  await q(
    `with inserted as (
       insert into transfers (id, scheme_id, account_id, debit_wallet_id, credit_wallet_id, amount, status, code, description, tags, metadata, external_id,
                              external_event_date, system_unique_key, request_hash, pending_id, timeout_at, reversal_of, atomic_set_id, allow_overdraft, created_at)
       select id, scheme_id, account_id, debit_wallet_id, credit_wallet_id, amount, status, code, description, tags, metadata, external_id,
              external_event_date, system_unique_key, request_hash, pending_id, timeout_at, reversal_of, atomic_set_id, allow_overdraft, created_at
         from json_populate_recordset(null::transfers, ?::json))
     -- A data-modifying WITH runs exactly once, referenced or not.
     update wallets w set debits_posted = v.debits_posted, credits_posted = v.credits_posted, debits_pending = v.debits_pending, credits_pending = v.credits_pending
       from json_populate_recordset(null::wallets, ?::json) v
      where w.id = v.id`,
    [JSON.stringify(transfers), JSON.stringify(totals)],
    { name: 'ledger_write_plan' },
  );
}

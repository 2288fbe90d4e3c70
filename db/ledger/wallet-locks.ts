import { available } from '../../domain/ledger/wallet';
import type { Query } from './ledger-engine';
import { uuidArray } from '../sql-arrays';
import { totalsOf, type WalletRow } from './rows';
import { WALLET_ROWS, WALLET_SLICES, WALLET_TOTALS } from './wallet-totals';

/**
 * The one order every transaction locks wallets in, so none waits on another
 * in a cycle: customers' wallets first, then gift cards, then the system
 * wallets a capped account serialises on, each group by id.
 */
const WALLET_LOCK_ORDER = `case when customer_id is not null then 0 when kind = 'giftcard' then 1 else 2 end, id`;

/**
 * Locks (or, for a simulation, reads) wallets in the lock order, with their
 * totals. Only wallets whose balance a rule reads are locked: holders
 * (customers, gift cards) and the issuance wallets in `serialise` (an account
 * with a maxSupply, whose mints must see each other). Other system wallets are
 * unbounded: they are read, never locked — their postings add to a slice
 * (wallet_counters), so a scheme's postings do not queue on one row.
 */
export async function lockWalletRows(q: Query, schemeId: string, ids: string[], lock = true, serialise: string[] = []): Promise<WalletRow[]> {
  const unique = uuidArray([...new Set(ids)]);
  if (!lock) return q<WalletRow>(`${WALLET_ROWS} where w.id = any(?::uuid[]) and w.scheme_id = ?`, [unique, schemeId], { name: 'wallets_read' });
  const lockable = `(kind in ('customer', 'giftcard') or id = any(?::uuid[]))`;
  const rows = await q<WalletRow>(
    `with locked as (
       select * from wallets where id = any(?::uuid[]) and scheme_id = ? and ${lockable}
        order by ${WALLET_LOCK_ORDER} for no key update)
     select w.id, w.scheme_id, w.account_id, w.kind, w.customer_id, ${WALLET_TOTALS}
       from (select * from locked union all select * from wallets where id = any(?::uuid[]) and scheme_id = ? and not ${lockable}) w ${WALLET_SLICES}`,
    [unique, schemeId, uuidArray(serialise), unique, schemeId, uuidArray(serialise)],
    { name: 'wallets_lock' },
  );
  if (serialise.length === 0) return rows;
  // A statement sees the rows it waited for at their latest version, but the slices only as of its start: a
  // capped issuance wallet's slices are read again now that its lock is ours, so no mint it waited for is missed.
  const fresh = new Map((await q<WalletRow>(`${WALLET_ROWS} where w.id = any(?::uuid[])`, [uuidArray(serialise)], { name: 'wallets_capped_totals' })).map((r) => [r.id, r]));
  return rows.map((r) => fresh.get(r.id) ?? r);
}

/**
 * Locks the wallets a set of legs will touch and reads what each can spend:
 * the balance a return or reversal policy decides on must not move before the
 * legs post. `lock = false` reads without locking (simulations).
 */
export async function lockAvailable(q: Query, schemeId: string, ids: string[], lock = true): Promise<Map<string, bigint>> {
  const rows = await lockWalletRows(q, schemeId, ids, lock);
  return new Map(rows.map((r) => [r.id, available(totalsOf(r))]));
}

import { available } from '../../domain/ledger/wallet';
import type { Query } from './ledger-engine';
import { uuidArray } from '../sql-arrays';
import { totalsOf, type WalletRow } from './rows';

/**
 * The one order every transaction locks wallets in, so none waits on another
 * in a cycle: customers' wallets first, then gift cards, then the system
 * wallets (issuance, redemption, expiry), each group by id. A transaction may
 * lock a customer's wallet early and the rest later — the later ones always
 * come after it in this order — and the hot system rows are taken last and
 * held for the shortest time.
 */
export const WALLET_LOCK_ORDER = `case when customer_id is not null then 0 when kind = 'giftcard' then 1 else 2 end, id`;

/** Locks (or, for a simulation, reads) wallets in the lock order. */
export function lockWalletRows(q: Query, schemeId: string, ids: string[], lock = true): Promise<WalletRow[]> {
  return q<WalletRow>(`select * from wallets where id = any(?::uuid[]) and scheme_id = ? order by ${WALLET_LOCK_ORDER}${lock ? ' for update' : ''}`, [uuidArray([...new Set(ids)]), schemeId], {
    name: lock ? 'wallets_lock' : 'wallets_read',
  });
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

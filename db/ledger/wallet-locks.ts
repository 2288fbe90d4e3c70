import { available } from '../../domain/ledger/wallet';
import { uuidArray, type Query } from './ledger-engine';
import { totalsOf, type WalletRow } from './rows';

/**
 * Locks the wallets a set of legs will touch, in id order (the ledger engine's
 * order, so no deadlock with sales), and reads what each can spend: the
 * balance a return or reversal policy decides on must not move before the
 * legs post. `lock = false` reads without locking (simulations).
 */
export async function lockAvailable(q: Query, schemeId: string, ids: string[], lock = true): Promise<Map<string, bigint>> {
  const rows = await q<WalletRow>(`select * from wallets where id = any(?::uuid[]) and scheme_id = ? order by id${lock ? ' for update' : ''}`, [uuidArray([...new Set(ids)].sort()), schemeId]);
  return new Map(rows.map((r) => [r.id, available(totalsOf(r))]));
}

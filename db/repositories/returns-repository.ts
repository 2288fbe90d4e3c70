import { returnableLines } from '../../domain/returns/calculate-return';
import type { ReturnsRepository, SaleReturns, StoredReturn } from '../../domain/returns/ports';
import type { ReturnResult } from '../../domain/returns/result';
import { nothingReturned } from '../../domain/returns/types';
import { queryIn, type LedgerEngine } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { lockSale, type SaleRow } from '../returns/return-state';

interface ReturnRow {
  unique_id: string;
  kind: StoredReturn['kind'];
  request_hash: string;
  result: ReturnResult;
  created_at: Date;
}

const toStored = (r: ReturnRow): StoredReturn => ({ uniqueId: r.unique_id, kind: r.kind, result: r.result, createdAt: new Date(r.created_at).toISOString() });

/**
 * Returns already made, and a sale's pending points. The return itself is a
 * use case of its own (`domain/returns/process-return.ts`, on
 * `db/returns/return-store.ts`).
 */
export class MikroReturnsRepository implements ReturnsRepository {
  constructor(
    private readonly orm: Orm,
    private readonly ledger: LedgerEngine,
  ) {}

  async forSale(schemeId: string, saleUniqueId: string): Promise<SaleReturns | null> {
    const q = queryIn(this.orm.em.fork());
    const [sale] = await q<SaleRow>('select * from sales where scheme_id = ? and unique_id = ?', [schemeId, saleUniqueId]);
    if (!sale) return null;
    const rows = await q<ReturnRow>('select * from returns where sale_id = ? order by created_at, id', [sale.id]);
    const returned = sale.returned ?? nothingReturned(0);
    const returnable = returnableLines({ lines: sale.lines, returned });
    return {
      returns: rows.map(toStored),
      returnable,
      fullyReturned: returnable.every((l) => l.returnable === 0),
      pendingPoints: sale.pending_transfer_id ? String(sale.pending_points) : '0',
      pendingUntil: sale.pending_transfer_id && sale.pending_until ? new Date(sale.pending_until).toISOString() : null,
    };
  }

  activatePending(schemeId: string, saleUniqueId: string): Promise<{ activated: string }> {
    return this.orm.em.fork().transactional(async (em) => {
      const q = queryIn(em);
      await q("set local lock_timeout = '3s'");
      const sale = await lockSale(q, schemeId, saleUniqueId);
      // Nothing pending any more: activated before (a retry), or returned in full.
      if (!sale.pending_transfer_id) return { activated: '0' };
      const [t] = await q<{ account_id: string }>('select account_id from transfers where id = ?', [sale.pending_transfer_id]);
      const ops = [{ type: 'capture' as const, accountId: t?.account_id as string, pendingTransferId: sale.pending_transfer_id, code: 'earn_activate', externalId: saleUniqueId, tags: ['sale'] }];
      await this.ledger.applyWithin(em, { schemeId, systemUniqueKey: `sale-activate/${saleUniqueId}`, requestHash: sale.pending_transfer_id, ops });
      await q('update sales set pending_transfer_id = null, pending_points = 0 where id = ?', [sale.id]);
      return { activated: String(sale.pending_points) };
    });
  }
}

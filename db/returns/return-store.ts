import { randomUUID } from 'node:crypto';
import type { ReturnStore, ReturnTransaction } from '../../domain/returns/ports';
import type { ReturnResult } from '../../domain/returns/result';
import { queryIn, type LedgerEngine } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { recordFollowUps } from '../follow-ups/outbox';
import type { Doorbell } from '../follow-ups/doorbell';
import { connectedEventsIn } from '../repositories/connection-repository';
import { assertOutlet, customerWallets, expiredShare, findCustomer, giftCardWallets, lockSale, lockWallets, saleForReturn, schemeSettings } from './return-state';

/**
 * The return's reads and writes in one PostgreSQL transaction (MikroORM's
 * connection, raw statements); `domain/returns/process-return.ts` decides.
 * Loads and persists only.
 */
export class PgReturnStore implements ReturnStore {
  constructor(
    private readonly orm: Orm,
    private readonly ledger: LedgerEngine,
    private readonly posting: { doorbell?: Doorbell } = {},
  ) {}

  async transaction<T>(fn: (tx: ReturnTransaction) => Promise<T>): Promise<T> {
    let followUps = false;
    const result = await this.orm.em.fork().transactional(async (em) => {
      const q = queryIn(em);
      const tx: ReturnTransaction = {
        previous: async (schemeId, uniqueId) => {
          await q('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`return:${schemeId}:${uniqueId}`]);
          const [row] = await q<{ request_hash: string; result: ReturnResult }>('select request_hash, result from returns where scheme_id = ? and unique_id = ?', [schemeId, uniqueId]);
          return row ? { requestHash: row.request_hash, result: row.result } : null;
        },
        settings: (schemeId) => schemeSettings(q, schemeId),
        customer: (schemeId, who) => findCustomer(q, schemeId, who),
        assertOutlet: (schemeId, outletId) => assertOutlet(q, schemeId, outletId),
        sale: async (schemeId, uniqueId, decimals, lock) => {
          const row = await lockSale(q, schemeId, uniqueId, lock);
          return { id: row.id, forReturn: saleForReturn(row, decimals) };
        },
        wallets: (schemeId, customerId) => customerWallets(q, schemeId, customerId),
        giftCards: (schemeId, amounts) => giftCardWallets(q, schemeId, amounts),
        expiredShare: (wallets, saleUniqueId) => expiredShare(q, wallets, saleUniqueId),
        lockWallets: (schemeId, ids, customerWalletId, lock) => lockWallets(q, schemeId, ids, customerWalletId, lock),
        post: (req) => this.ledger.applyWithin(em, req),
        record: async (r) => {
          await q(
            `insert into returns (id, scheme_id, unique_id, request_hash, sale_id, customer_id, kind, points_deducted, points_readded, pending_voided, shortfall, request, result, created_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now())`,
            [randomUUID(), r.schemeId, r.uniqueId, r.requestHash, r.saleId, r.customerId, r.kind, String(r.result.pointsDeducted), String(r.result.pointsReadded),
              String(r.result.pendingPointsVoided), String(r.result.shortfall), JSON.stringify(r.request), JSON.stringify(r.result)],
          );
        },
        updateSale: async (saleId, returned, pendingTransferId, pendingPoints) => {
          await q('update sales set returned = ?::jsonb, pending_transfer_id = ?, pending_points = ? where id = ?', [JSON.stringify(returned), pendingTransferId, pendingPoints.toString(), saleId]);
        },
        releaseCoupons: async (schemeId, saleUniqueId) => {
          await q('update coupons set used_at = null, used_by = null where scheme_id = ? and used_by = ?', [schemeId, saleUniqueId]);
        },
        now: async () => {
          const [clock] = await q<{ now: Date }>('select now() as now');
          return new Date(clock?.now ?? Date.now()).toISOString();
        },
        connectedEvents: (schemeId) => connectedEventsIn(q, schemeId),
        followUps: async (batch) => {
          await recordFollowUps(q, batch);
          followUps = true;
        },
      };
      return fn(tx);
    });
    if (followUps) this.posting.doorbell?.ring();
    return result;
  }
}

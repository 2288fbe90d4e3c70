import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IdempotencyKeyReusedError } from '../../domain/errors';
import { returnableLines, returnOfSale } from '../../domain/returns/calculate-return';
import { customReturn, giftCardRefunds } from '../../domain/returns/custom-return';
import { returnLedgerOps } from '../../domain/returns/ledger-ops';
import type { ReturnRequest, ReturnsRepository, SaleReturns, StoredReturn } from '../../domain/returns/ports';
import { returnResult, type ReturnResult } from '../../domain/returns/result';
import { settleReturn } from '../../domain/returns/settle';
import { nothingReturned, type ReturnedSoFar } from '../../domain/returns/types';
import { rulesFromView } from '../../domain/transactions/ports';
import { queryIn, type LedgerEngine, type Query } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { afterReturn, returnEvent } from '../../domain/follow-ups';
import { recordFollowUps } from '../follow-ups/outbox';
import type { Doorbell } from '../follow-ups/doorbell';
import { connectedEventsIn } from './connection-repository';
import { assertOutlet, customerWallets, findCustomer, giftCardWallets, lockSale, lockWallets, saleForReturn, schemeSettings, type SaleRow } from '../returns/return-state';

interface ReturnRow {
  unique_id: string;
  kind: StoredReturn['kind'];
  request_hash: string;
  result: ReturnResult;
  created_at: Date;
}

const toStored = (r: ReturnRow): StoredReturn => ({ uniqueId: r.unique_id, kind: r.kind, result: r.result, createdAt: new Date(r.created_at).toISOString() });

/**
 * Returns. One PostgreSQL transaction per return: the return's key is
 * serialised (advisory lock) and looked up, the sale row is locked (returns of
 * one sale queue behind each other, so "never more than was bought" is a fact
 * of the row, not a race), the wallets are locked, the pure rules decide, and
 * the ledger legs, the return row and the sale's cumulative state commit
 * together — or nothing does.
 */
export class MikroReturnsRepository implements ReturnsRepository {
  constructor(
    private readonly orm: Orm,
    private readonly ledger: LedgerEngine,
    private readonly posting: { doorbell?: Doorbell } = {},
  ) {}

  async process(req: ReturnRequest, mode: 'commit' | 'simulate'): Promise<ReturnResult> {
    let followUps = false;
    const result = await this.orm.em.fork().transactional(async (em) => {
      const r = await this.processIn(em, queryIn(em), req, mode);
      if (r.followUps) followUps = true;
      return r.result;
    });
    if (followUps) this.posting.doorbell?.ring();
    return result;
  }

  private async processIn(em: EntityManager, q: Query, req: ReturnRequest, mode: 'commit' | 'simulate'): Promise<{ result: ReturnResult; followUps?: boolean }> {
    if (mode === 'commit') {
      await q('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`return:${req.schemeId}:${req.uniqueId}`]);
      const [previous] = await q<ReturnRow>('select * from returns where scheme_id = ? and unique_id = ?', [req.schemeId, req.uniqueId]);
      if (previous) {
        if (previous.request_hash !== req.requestHash) throw new IdempotencyKeyReusedError();
        return { result: previous.result };
      }
    }
    const settings = await schemeSettings(q, req.schemeId);
    let sale: SaleRow | null = null;
    let customerId: string;
    let amounts: { pointsOwed: bigint; pointsReadded: bigint; refunds: Array<{ type: string; amountMinor: bigint; reference: string | null }>; lines: ReturnResult['lines'] };
    let returnedAfter: ReturnedSoFar | null = null;
    let complete = false;
    let pending = { points: 0n, transferId: null as string | null };

    if (req.kind === 'custom' && req.custom) {
      customerId = await findCustomer(q, req.schemeId, req.custom);
      await assertOutlet(q, req.schemeId, req.custom.outletId);
      amounts = customReturn(req.custom.lines, req.custom.payments, rulesFromView(settings.rules, settings.decimals));
    } else {
      sale = await lockSale(q, req.schemeId, req.saleUniqueId as string, mode === 'commit');
      const forReturn = saleForReturn(sale, settings.decimals);
      customerId = forReturn.customerId;
      const r = returnOfSale(forReturn, req.selection ?? { kind: 'full' });
      const byIndex = new Map(forReturn.lines.map((l) => [String(l.index), l]));
      amounts = {
        pointsOwed: r.pointsOwed,
        pointsReadded: r.pointsReadded,
        refunds: forReturn.payments.map((p, i) => ({ type: p.type, reference: p.reference, amountMinor: r.refunds[i] as bigint })),
        lines: Object.entries(r.units).map(([index, quantity]) => ({ index: Number(index), sku: byIndex.get(index)?.sku ?? null, quantity })),
      };
      returnedAfter = r.returnedAfter;
      complete = r.complete;
      pending = { points: forReturn.pendingPoints, transferId: forReturn.pendingTransferId };
    }

    const wallets = await customerWallets(q, req.schemeId, customerId);
    const cards = await giftCardWallets(q, req.schemeId, giftCardRefunds(amounts.refunds));
    const available = await lockWallets(
      q,
      req.schemeId,
      [wallets.customerWalletId, wallets.issuanceWalletId, wallets.redemptionWalletId, ...cards.flatMap((c) => [c.walletId, c.redemptionWalletId])],
      wallets.customerWalletId,
      mode === 'commit',
    );
    const settlement = settleReturn({ owed: amounts.pointsOwed, readded: amounts.pointsReadded, pending: pending.points, available, policy: settings.policy });
    const result: ReturnResult = returnResult({
      status: mode === 'commit' ? 'COMPLETED' : 'SIMULATED',
      kind: req.kind,
      uniqueId: req.uniqueId,
      saleUniqueId: req.saleUniqueId,
      customerId,
      readded: amounts.pointsReadded,
      settlement,
      refunds: amounts.refunds,
      decimals: settings.decimals,
      lines: amounts.lines,
    });
    if (sale) result.saleFullyReturned = complete;
    if (mode === 'simulate') return { result };

    const ops = returnLedgerOps({
      wallets,
      settlement,
      readded: amounts.pointsReadded,
      pendingTransferId: pending.transferId,
      giftCards: cards,
      allowNegative: settings.policy === 'allow_negative',
      tracking: { externalId: req.uniqueId, description: `${result.returnType} (return ${req.uniqueId})` },
    });
    let newPendingId = pending.transferId;
    if (ops.length > 0) {
      const applied = await this.ledger.applyWithin(em, { schemeId: req.schemeId, systemUniqueKey: `return/${req.uniqueId}`, requestHash: req.requestHash, ops });
      if (settlement.fromPending > 0n) newPendingId = applied.transfers.find((t) => t.status === 'pending')?.id ?? null;
    }
    await q(
      `insert into returns (id, scheme_id, unique_id, request_hash, sale_id, customer_id, kind, points_deducted, points_readded, pending_voided, shortfall, request, result, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now())`,
      [randomUUID(), req.schemeId, req.uniqueId, req.requestHash, sale?.id ?? null, customerId, req.kind, String(result.pointsDeducted), String(result.pointsReadded),
        String(result.pendingPointsVoided), String(result.shortfall), JSON.stringify(req.request), JSON.stringify(result)],
    );
    if (sale) {
      await q('update sales set returned = ?::jsonb, pending_transfer_id = ?, pending_points = ? where id = ?', [
        JSON.stringify(returnedAfter),
        settlement.pendingAfter > 0n ? newPendingId : null,
        settlement.pendingAfter.toString(),
        sale.id,
      ]);
      // A fully returned sale gives its coupons back.
      if (complete) await q('update coupons set used_at = null, used_by = null where scheme_id = ? and used_by = ?', [req.schemeId, sale.unique_id]);
    }
    if (!req.announce) return { result };
    const [clock] = await q<{ now: Date }>('select now() as now');
    const event = returnEvent({
      schemeId: req.schemeId,
      returnUniqueId: req.uniqueId,
      saleUniqueId: result.transactionUniqueId,
      customerId,
      pointsDeducted: result.pointsDeducted,
      fullyReturned: result.saleFullyReturned === true,
      occurredAt: new Date(clock?.now ?? Date.now()).toISOString(),
    });
    const batch = afterReturn({ schemeId: req.schemeId, returnUniqueId: req.uniqueId, customerId, connected: await connectedEventsIn(q, req.schemeId), event });
    if (batch) await recordFollowUps(q, batch);
    return { result, followUps: batch !== null };
  }

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

import { IdempotencyKeyReusedError } from '../errors';
import { afterReturn, returnEvent } from '../follow-ups';
import { rulesFromView } from '../transactions/ports';
import { returnOfSale } from './calculate-return';
import { customReturn, giftCardRefunds } from './custom-return';
import { returnLedgerOps } from './ledger-ops';
import type { ReturnRequest, ReturnStore, ReturnTransaction } from './ports';
import { returnResult, type ReturnResult } from './result';
import { settleReturn } from './settle';
import type { ReturnedSoFar, SaleForReturn } from './types';

/** What is returned, worked out from the sale (or, for a custom return, priced with today's rules). */
interface Returned {
  customerId: string;
  sale: { id: string; forReturn: SaleForReturn } | null;
  pointsOwed: bigint;
  pointsReadded: bigint;
  refunds: Array<{ type: string; amountMinor: bigint; reference: string | null }>;
  lines: ReturnResult['lines'];
  returnedAfter: ReturnedSoFar | null;
  complete: boolean;
}

/**
 * A return (full, line-item or custom), whole, in one PostgreSQL transaction:
 * the use case the return workflow's activity runs (`commit`) and the API's
 * `?simulate=true` runs (`simulate`: the same rules on the same state, read
 * without locks, nothing written). Each step is named; a refusal at any step
 * throws before the commit, so the rollback is the compensation.
 */
export function processReturn(store: ReturnStore, req: ReturnRequest, mode: 'commit' | 'simulate'): Promise<ReturnResult> {
  return store.transaction(async (tx) => {
    const commit = mode === 'commit';
    if (commit) {
      const previous = await tx.previous(req.schemeId, req.uniqueId);
      if (previous) return replayed(previous, req);
    }
    const settings = await tx.settings(req.schemeId);
    const returned = await whatIsReturned(tx, req, settings, commit);
    const wallets = await tx.wallets(req.schemeId, returned.customerId);
    const cards = await tx.giftCards(req.schemeId, giftCardRefunds(returned.refunds));
    const available = await tx.lockWallets(req.schemeId, [wallets.customerWalletId, wallets.issuanceWalletId, wallets.redemptionWalletId, ...cards.flatMap((c) => [c.walletId, c.redemptionWalletId])], wallets.customerWalletId, commit);
    const pending = returned.sale ? { points: returned.sale.forReturn.pendingPoints, transferId: returned.sale.forReturn.pendingTransferId } : { points: 0n, transferId: null };
    const expired = returned.sale && req.saleUniqueId ? await tx.expiredShare(wallets, req.saleUniqueId) : 0n;
    const settlement = settleReturn({ owed: returned.pointsOwed, readded: returned.pointsReadded, pending: pending.points, available, policy: settings.policy, expired });
    const result = returnResult({ status: commit ? 'COMPLETED' : 'SIMULATED', kind: req.kind, uniqueId: req.uniqueId, saleUniqueId: req.saleUniqueId, customerId: returned.customerId, readded: returned.pointsReadded, settlement, refunds: returned.refunds, decimals: settings.decimals, lines: returned.lines });
    if (returned.sale) result.saleFullyReturned = returned.complete;
    if (!commit) return result;

    // Step — the ledger legs, one atomic set keyed by the return.
    const ops = returnLedgerOps({ wallets, settlement, readded: returned.pointsReadded, pendingTransferId: pending.transferId, giftCards: cards, allowNegative: settings.policy === 'allow_negative', saleUniqueId: req.saleUniqueId, tracking: { externalId: req.uniqueId, description: `${result.returnType} (return ${req.uniqueId})` } });
    let pendingId = pending.transferId;
    if (ops.length > 0) {
      const applied = await tx.post({ schemeId: req.schemeId, systemUniqueKey: `return/${req.uniqueId}`, requestHash: req.requestHash, ops });
      if (settlement.fromPending > 0n) pendingId = applied.transfers.find((t) => t.status === 'pending')?.id ?? null;
    }
    // Step — the return, and the sale's cumulative state ("never more than was bought" is a fact of its row).
    await tx.record({ schemeId: req.schemeId, uniqueId: req.uniqueId, requestHash: req.requestHash, saleId: returned.sale?.id ?? null, customerId: returned.customerId, kind: req.kind, request: req.request, result });
    if (returned.sale) {
      await tx.updateSale(returned.sale.id, returned.returnedAfter, settlement.pendingAfter > 0n ? pendingId : null, settlement.pendingAfter);
      if (returned.complete) await tx.releaseCoupons(req.schemeId, returned.sale.forReturn.uniqueId);
    }
    if (req.announce) await announce(tx, req, result, returned.customerId);
    return result;
  });
}

/** Step — a repeated uniqueId answers its first result; the same uniqueId for another return is refused. */
function replayed(previous: { requestHash: string; result: ReturnResult }, req: ReturnRequest): ReturnResult {
  if (previous.requestHash !== req.requestHash) throw new IdempotencyKeyReusedError();
  return previous.result;
}

/** Step — what comes back: a custom return priced with today's rules, or a share of the sale (locked when committing). */
async function whatIsReturned(tx: ReturnTransaction, req: ReturnRequest, settings: Awaited<ReturnType<ReturnTransaction['settings']>>, lock: boolean): Promise<Returned> {
  if (req.kind === 'custom' && req.custom) {
    const customerId = await tx.customer(req.schemeId, req.custom);
    await tx.assertOutlet(req.schemeId, req.custom.outletId);
    return { customerId, sale: null, ...customReturn(req.custom.lines, req.custom.payments, rulesFromView(settings.rules, settings.decimals)), returnedAfter: null, complete: false };
  }
  const sale = await tx.sale(req.schemeId, req.saleUniqueId as string, settings.decimals, lock);
  const r = returnOfSale(sale.forReturn, req.selection ?? { kind: 'full' });
  const byIndex = new Map(sale.forReturn.lines.map((l) => [String(l.index), l]));
  return {
    customerId: sale.forReturn.customerId,
    sale,
    pointsOwed: r.pointsOwed,
    pointsReadded: r.pointsReadded,
    refunds: sale.forReturn.payments.map((p, i) => ({ type: p.type, reference: p.reference, amountMinor: r.refunds[i] as bigint })),
    lines: Object.entries(r.units).map(([index, quantity]) => ({ index: Number(index), sku: byIndex.get(index)?.sku ?? null, quantity })),
    returnedAfter: r.returnedAfter,
    complete: r.complete,
  };
}

/** Step — the return's event and partner sync, recorded as follow-ups that start after the commit. */
async function announce(tx: ReturnTransaction, req: ReturnRequest, result: ReturnResult, customerId: string): Promise<void> {
  const event = returnEvent({ schemeId: req.schemeId, returnUniqueId: req.uniqueId, saleUniqueId: result.transactionUniqueId, customerId, pointsDeducted: result.pointsDeducted, fullyReturned: result.saleFullyReturned === true, occurredAt: await tx.now() });
  const batch = afterReturn({ schemeId: req.schemeId, returnUniqueId: req.uniqueId, customerId, connected: await tx.connectedEvents(req.schemeId), event });
  if (batch) await tx.followUps(batch);
}

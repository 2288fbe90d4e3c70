import { BusinessRuleError, ConflictError } from '../../domain/errors';
import { REDEMPTION } from '../../domain/transactions/calculate';
import { assertSaleContext, giftCardCodes } from '../../domain/transactions/price-sale';
import type { SaleContext, SaleStore, SaleTransaction } from '../../domain/transactions/ports';
import { afterSale, decideSale, purchaseEvent, type SaleCommand, type SaleDecision } from '../../domain/transactions/sale-decision';
import type { SaleResult } from '../../domain/transactions/sale-result';

/** A sale as the workflow hands it over: the till's body, validated, with its identity. */
export interface PostSaleCommand extends SaleCommand {
  customerId?: string;
  customerBarcode?: string;
  outletId: string;
  /** The body as posted, stored with the sale. */
  request: Record<string, unknown>;
}

/**
 * A POS sale, whole, in one PostgreSQL transaction — the one durable step a
 * till waits for. Each step below is named; a refusal at any of them throws
 * before the commit, so nothing is written (the rollback is the compensation:
 * coupons taken by an earlier step are given back with it).
 */
export function postSale(store: SaleStore, cmd: PostSaleCommand): Promise<SaleResult> {
  return store.transaction(async (tx) => {
    const replay = await replayed(tx, cmd);
    if (replay) return replay;
    const ctx = assertSaleContext(await tx.context(cmd.schemeId, lookupOf(cmd)));
    const decision = decideSale(cmd, ctx);
    await takeCoupons(tx, cmd);
    const pendingTransferId = await postLegs(tx, cmd, decision);
    await record(tx, cmd, ctx, decision, pendingTransferId);
    await announce(tx, cmd, ctx, decision);
    return decision.result;
  });
}

/** Step 1 — the same uniqueId again: the first answer (a retry), or 409 for another body. */
export async function replayed(tx: SaleTransaction, cmd: PostSaleCommand): Promise<SaleResult | null> {
  const stored = await tx.claim(cmd.schemeId, cmd.uniqueId);
  if (!stored) return null;
  if (stored.requestHash !== cmd.requestHash) throw new ConflictError('This uniqueId was already used for a different transaction');
  return stored.result as unknown as SaleResult;
}

/** Step 2's lookup — what the sale names, so its wallets can be locked before it is priced. */
function lookupOf(cmd: PostSaleCommand) {
  return {
    customerId: cmd.customerId,
    customerBarcode: cmd.customerBarcode,
    outletId: cmd.outletId,
    giftCardCodes: giftCardCodes(cmd.sale),
    couponCodes: cmd.sale.coupons,
    redeems: cmd.sale.payments.some((p) => p.type === REDEMPTION),
  };
}

/** Step 4 — coupons by a conditional update: the database decides which till gets a coupon. */
async function takeCoupons(tx: SaleTransaction, cmd: PostSaleCommand): Promise<void> {
  const codes = [...new Set(cmd.sale.coupons)];
  const held = await tx.consumeCoupons(cmd.schemeId, codes, cmd.uniqueId);
  const lost = codes.filter((c) => !held.includes(c));
  if (lost.length > 0) throw new BusinessRuleError(`Coupon ${lost.join(', ')} was already used`, [{ path: 'body.coupons', message: lost.join(', ') }]);
}

/** Step 5 — every ledger leg as one atomic set keyed by the sale (or `key`); the pending earn's id, if any. */
export async function postLegs(tx: SaleTransaction, cmd: PostSaleCommand, d: SaleDecision, key = `sale/${cmd.uniqueId}`): Promise<string | null> {
  if (d.ops.length === 0) return null;
  const posted = await tx.post({ schemeId: cmd.schemeId, systemUniqueKey: key, requestHash: cmd.requestHash, ops: d.ops });
  // The earn is the only leg left pending (a hold's own pending burn is resolved in the same set).
  return posted.transfers.find((t) => t.status === 'pending')?.id ?? null;
}

/** Step 6 — the sale with its per-line points (returns deduct exactly those). */
export async function record(tx: SaleTransaction, cmd: PostSaleCommand, ctx: SaleContext, d: SaleDecision, pendingTransferId: string | null): Promise<void> {
  await tx.record(cmd.schemeId, {
    uniqueId: cmd.uniqueId,
    requestHash: cmd.requestHash,
    customerId: ctx.customerId,
    outletId: ctx.outletId,
    pointsEarned: d.calc.pointsEarned.toString(),
    pointsRedeemed: d.calc.pointsRedeemed.toString(),
    request: cmd.request,
    result: d.result as unknown as Record<string, unknown>,
    lines: d.lines,
    pendingTransferId,
    pendingPoints: pendingTransferId ? d.calc.pointsEarned.toString() : '0',
    pendingUntil: pendingTransferId ? d.pendingUntil : null,
  });
}

/** Step 7 — the purchase event (journalled when nothing listens) and the follow-ups, which start after the commit. */
export async function announce(tx: SaleTransaction, cmd: PostSaleCommand, ctx: SaleContext, d: SaleDecision): Promise<void> {
  const purchase = purchaseEvent({ schemeId: cmd.schemeId, uniqueId: cmd.uniqueId, customerId: ctx.customerId, outletId: ctx.outletId, calc: d.calc, lines: cmd.sale.lines, pendingUntil: d.pendingUntil, occurredAt: ctx.now });
  const listening = ctx.busListening !== false;
  if (!listening) await tx.journal(purchase);
  const batch = afterSale({ schemeId: cmd.schemeId, uniqueId: cmd.uniqueId, customerId: ctx.customerId, pendingUntil: d.pendingUntil, partnerEvents: ctx.partnerEvents, purchase, listening });
  if (batch) await tx.followUps(batch);
}

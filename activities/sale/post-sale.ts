import { BusinessRuleError, ConflictError } from '../../domain/errors';
import { assertSaleContext, giftCardCodes } from '../../domain/transactions/price-sale';
import type { SaleContext, SaleStore, SaleTransaction, StoredSale } from '../../domain/transactions/ports';
import { afterSale, decideSale, purchaseEvent, type SaleCommand, type SaleDecision } from '../../domain/transactions/sale-decision';
import type { SaleResult } from '../../domain/transactions/sale-result';
import { saleSideEvents, type SaleSideFacts } from '../../domain/transactions/side-events';

const sideFacts = (cmd: PostSaleCommand, ctx: SaleContext, d: SaleDecision, ledgerKey: string): SaleSideFacts => ({
  schemeId: cmd.schemeId,
  uniqueId: cmd.uniqueId,
  customerId: ctx.customerId,
  occurredAt: ctx.now,
  calc: d.calc,
  posted: d.ops.length > 0,
  ledgerKey,
  coupons: [...new Set(cmd.sale.coupons)].flatMap((code) => (ctx.coupons[code] ? [ctx.coupons[code]] : [])),
});

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
 * coupons taken by an earlier step are given back with it). `posted` hears
 * of a sale this call posted (not of a replayed one).
 */
export function postSale(store: SaleStore, cmd: PostSaleCommand, posted?: (result: SaleResult) => void): Promise<SaleResult> {
  return committed(
    store,
    async (tx) => {
      const opened = await tx.open(cmd.schemeId, cmd.uniqueId, lookupOf(cmd));
      if (opened.previous) return { value: replayed(opened.previous, cmd), fresh: false };
      const ctx = assertSaleContext(opened.context);
      const decision = decideSale(cmd, ctx);
      await takeCoupons(tx, cmd, ctx.customerId);
      const pendingTransferId = await postLegs(tx, cmd, decision);
      await record(tx, cmd, ctx, decision, pendingTransferId);
      await announce(tx, cmd, ctx, decision);
      return { value: decision.result, fresh: true };
    },
    posted,
  );
}

/**
 * A sale's transaction; `posted` hears of its result after the commit, and
 * only when this call posted it: a retry that found the sale recorded
 * replays the stored answer and posted nothing.
 */
export async function committed<T>(store: SaleStore, run: (tx: SaleTransaction) => Promise<{ value: T; fresh: boolean }>, posted?: (value: T) => void): Promise<T> {
  const { value, fresh } = await store.transaction(run);
  if (fresh) posted?.(value);
  return value;
}

/** Step 1 — open: the customer's wallet locked, the context read, and what the uniqueId already recorded (a retry's answer, or 409 for another body). */
export function replayed(previous: StoredSale & { requestHash: string }, cmd: PostSaleCommand): SaleResult {
  if (previous.requestHash !== cmd.requestHash) throw new ConflictError('This uniqueId was already used for a different transaction');
  return previous.result as unknown as SaleResult;
}

function lookupOf(cmd: PostSaleCommand) {
  return { customerId: cmd.customerId, customerBarcode: cmd.customerBarcode, outletId: cmd.outletId, giftCardCodes: giftCardCodes(cmd.sale), couponCodes: cmd.sale.coupons };
}

/** Step 3 — coupons by a conditional update: the database decides which till gets a coupon. */
async function takeCoupons(tx: SaleTransaction, cmd: PostSaleCommand, customerId: string): Promise<void> {
  const codes = [...new Set(cmd.sale.coupons)];
  const held = await tx.consumeCoupons(cmd.schemeId, codes, cmd.uniqueId, customerId);
  const lost = codes.filter((c) => !held.includes(c));
  if (lost.length > 0) throw new BusinessRuleError(`Coupon ${lost.join(', ')} was already used or taken`, [{ path: 'body.coupons', message: lost.join(', ') }]);
}

/** Step 4 — every ledger leg as one atomic set keyed by the sale (or `key`); the pending earn's id, if any. */
export async function postLegs(tx: SaleTransaction, cmd: PostSaleCommand, d: SaleDecision, key = `sale/${cmd.uniqueId}`): Promise<string | null> {
  if (d.ops.length === 0) return null;
  // Claimed: the sale's own record, read under the customer's lock, said this uniqueId is new.
  const posted = await tx.post({ schemeId: cmd.schemeId, systemUniqueKey: key, requestHash: cmd.requestHash, ops: d.ops }, { claimed: true });
  // The earn is the only leg left pending (a hold's own pending burn is resolved in the same set).
  return posted.transfers.find((t) => t.status === 'pending')?.id ?? null;
}

/** Step 5 — the sale with its per-line points (returns deduct exactly those). */
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

/**
 * Step 6 — the purchase event (journalled when nothing listens), the side
 * events something listens for, and the follow-ups, which start after the
 * commit. Side events go the purchase's way: journalled with it when nothing
 * here is on the bus, otherwise all delivered on the bus after it (a mission
 * counts one of them, or the purchase itself). A scheme with an event trigger
 * also gets the bus-bound ones recorded here, running, in order (one insert):
 * its trigger hears the purchase first, whatever order the bus delivers in.
 * `ledgerKey` is the key the sale's legs were posted under.
 */
export async function announce(tx: SaleTransaction, cmd: PostSaleCommand, ctx: SaleContext, d: SaleDecision, ledgerKey = `sale/${cmd.uniqueId}`): Promise<void> {
  const purchase = purchaseEvent({ schemeId: cmd.schemeId, uniqueId: cmd.uniqueId, customerId: ctx.customerId, outletId: ctx.outletId, calc: d.calc, lines: cmd.sale.lines, pendingUntil: d.pendingUntil, occurredAt: ctx.now });
  const listening = ctx.busListening !== false;
  const listeners = ctx.sideListeners ?? [];
  const side = listeners.length === 0 ? [] : saleSideEvents(sideFacts(cmd, ctx, d, ledgerKey), listeners.map((l) => l.type));
  const onBus = listening || listeners.some((l) => l.bus);
  // With an event trigger, what goes on the bus is recorded here too (running), so the trigger hears the sale's events in order.
  const early = ctx.triggered === true;
  if (!listening || early) await tx.journal(purchase, { delivering: listening });
  if (!onBus || early) for (const e of side) await tx.journal(e, { delivering: onBus });
  const batch = afterSale({ schemeId: cmd.schemeId, uniqueId: cmd.uniqueId, customerId: ctx.customerId, pendingUntil: d.pendingUntil, partnerEvents: ctx.partnerEvents, purchase, listening, events: onBus ? side : [] });
  if (batch) await tx.followUps(batch);
  if (ctx.triggered) tx.wake();
}

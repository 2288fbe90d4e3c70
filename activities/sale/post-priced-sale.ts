import { BusinessRuleError, HubError } from '../../domain/errors';
import type { HubEvent } from '../../domain/events/hub-event';
import type { HubEventRepository } from '../../domain/events/ports';
import type { LedgerPort } from '../../domain/ports';
import type { GiftCardDebit } from '../../domain/transactions/price-sale';
import type { CouponRepository, SalesRepository } from '../../domain/transactions/ports';
import { saleLedgerOps } from '../../domain/transactions/sale-decision';
import type { SaleResult } from '../../domain/transactions/sale-result';

/** What executions started before the one-step sale hand to `postSale`: a sale the workflow already priced. */
export interface PostSaleInput {
  schemeId: string;
  uniqueId: string;
  requestHash: string;
  customerId: string;
  outletId: string;
  accountId: string;
  walletId: string;
  pointsEarned: string;
  pointsRedeemed: string;
  request: Record<string, unknown>;
  result: SaleResult;
  lines: Array<Record<string, unknown>>;
  giftCardDebits: GiftCardDebit[];
  coupons: string[];
  returnWindowSeconds: number;
  journal?: HubEvent;
}

export interface PricedSaleDeps {
  sales: SalesRepository;
  ledger: Pick<LedgerPort, 'apply'>;
  coupons: CouponRepository;
  hubEvents: HubEventRepository;
}

/**
 * Kept for sale executions started before the one-step sale (their histories
 * schedule `postSale` with the priced legs): coupons, then the ledger legs
 * (coupons given back if the ledger refuses), then the record. Each step is
 * idempotent, so a retry repairs a crash between them. Remove once no such
 * execution can be running (sales finish in seconds).
 */
export async function postPricedSale({ sales, ledger, coupons, hubEvents }: PricedSaleDeps, input: PostSaleInput): Promise<SaleResult> {
  const pending = input.returnWindowSeconds > 0;
  const ops = saleLedgerOps({
    uniqueId: input.uniqueId,
    accountId: input.accountId,
    walletId: input.walletId,
    points: { pointsRedeemed: BigInt(input.pointsRedeemed), pointsEarned: BigInt(input.pointsEarned) },
    giftCardDebits: input.giftCardDebits,
    pending,
  });
  const codes = [...new Set(input.coupons)];
  const held = await coupons.consume(input.schemeId, codes, input.uniqueId);
  if (held.length < codes.length) {
    await coupons.release(input.schemeId, input.uniqueId);
    const lost = codes.filter((c) => !held.includes(c));
    throw new BusinessRuleError(`Coupon ${lost.join(', ')} was already used`, [{ path: 'body.coupons', message: lost.join(', ') }]);
  }
  let pendingTransferId: string | null = null;
  try {
    if (ops.length > 0) {
      const applied = await ledger.apply({ schemeId: input.schemeId, systemUniqueKey: `sale/${input.uniqueId}`, requestHash: input.requestHash, ops });
      pendingTransferId = applied.transfers.find((t) => t.status === 'pending')?.id ?? null;
    }
  } catch (err) {
    if (err instanceof HubError) await coupons.release(input.schemeId, input.uniqueId);
    throw err;
  }
  const stored = await recordPostedSale(sales, input.schemeId, input, pendingTransferId, input.returnWindowSeconds);
  if (input.journal) {
    const storedResult = stored.result as { pendingUntil?: string };
    await hubEvents.journalQuiet({ ...input.journal, payload: { ...input.journal.payload, returnWindowEndsAt: storedResult.pendingUntil ?? null } });
  }
  return stored.result as unknown as SaleResult;
}

/**
 * The record of a sale whose legs are posted (executions from before the
 * one-step sale and hold): the first record wins, so a retry keeps the first
 * attempt's window end.
 */
export function recordPostedSale(
  sales: SalesRepository,
  schemeId: string,
  s: { uniqueId: string; requestHash: string; customerId: string; outletId: string; pointsEarned: string; pointsRedeemed: string; request: Record<string, unknown>; result: SaleResult; lines: Array<Record<string, unknown>> },
  pendingTransferId: string | null,
  returnWindowSeconds: number,
) {
  const pendingUntil = pendingTransferId ? new Date(Date.now() + returnWindowSeconds * 1000).toISOString() : null;
  return sales.record(schemeId, {
    uniqueId: s.uniqueId,
    requestHash: s.requestHash,
    customerId: s.customerId,
    outletId: s.outletId,
    pointsEarned: s.pointsEarned,
    pointsRedeemed: s.pointsRedeemed,
    request: s.request,
    result: (pendingUntil ? { ...s.result, pointsPending: Number(s.pointsEarned), pendingUntil } : s.result) as unknown as Record<string, unknown>,
    lines: s.lines,
    pendingTransferId,
    pendingPoints: pendingTransferId ? s.pointsEarned : '0',
    pendingUntil,
  });
}

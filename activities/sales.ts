import { log } from '@temporalio/activity';
import type { LedgerOp } from '../domain/ledger/operations';
import type { LedgerPort } from '../domain/ports';
import { assertSaleContext, type GiftCardDebit } from '../domain/transactions/price-sale';
import { BusinessRuleError, HubError } from '../domain/errors';
import type { CouponRepository, SaleContext, SalesRepository } from '../domain/transactions/ports';
import type { SaleResult } from '../domain/transactions/sale-result';
import type { ReturnsRepository } from '../domain/returns/ports';
import { withFailureMapping } from './failures';
import type { HubEvent } from '../domain/events/hub-event';
import type { HubEventRepository } from '../domain/events/ports';

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
  /** From the scheme's rules: the earn is posted pending for this long (0: available at once). */
  returnWindowSeconds: number;
  /** Nothing listens on the bus: the purchase event is only journalled, here, instead of delivered by a workflow. */
  journal?: HubEvent;
}

export function createSaleActivities({ sales, ledger, coupons, returns, hubEvents }: { sales: SalesRepository; ledger: Pick<LedgerPort, 'apply'>; coupons: CouponRepository; returns: ReturnsRepository; hubEvents: HubEventRepository }) {
  return {
    prepareSale: withFailureMapping(
      async (input: { schemeId: string; customerId?: string; customerBarcode?: string; outletId: string; giftCardCodes: string[]; couponCodes: string[] }): Promise<SaleContext> =>
        assertSaleContext(await sales.context(input.schemeId, input, input.outletId, input.giftCardCodes, input.couponCodes)),
    ),

    /**
     * The sale's ledger legs (redemption burn, gift-card burns, earn mint) as one atomic set keyed by the uniqueId (a retry
     * replays it), then the sale record (first record wins). Both idempotent, so
     * a crash between them is repaired by the retry.
     */
    postSale: withFailureMapping(async (input: PostSaleInput): Promise<SaleResult> => {
      const ops: LedgerOp[] = [];
      const tracking = { externalId: input.uniqueId, tags: ['sale'], description: `Sale ${input.uniqueId}` };
      if (BigInt(input.pointsRedeemed) > 0n) ops.push({ type: 'burn', accountId: input.accountId, walletId: input.walletId, amount: BigInt(input.pointsRedeemed), code: 'redeem', ...tracking });
      for (const g of input.giftCardDebits) {
        ops.push({ type: 'burn', accountId: g.accountId, walletId: g.walletId, amount: BigInt(g.amountMinor), code: 'giftcard_pay', ...tracking });
      }
      const pending = input.returnWindowSeconds > 0;
      if (BigInt(input.pointsEarned) > 0n) {
        ops.push({ type: 'mint', accountId: input.accountId, walletId: input.walletId, amount: BigInt(input.pointsEarned), pending, code: pending ? 'earn_pending' : 'earn', ...tracking });
      }
      // Coupons first (a conditional update decides who gets each), the ledger
      // second; if the ledger refuses, the coupons are given back (compensation).
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
      // The first record wins, so a retry keeps the first attempt's window end.
      const pendingUntil = pendingTransferId ? new Date(Date.now() + input.returnWindowSeconds * 1000).toISOString() : null;
      const stored = await sales.record(input.schemeId, {
        uniqueId: input.uniqueId,
        requestHash: input.requestHash,
        customerId: input.customerId,
        outletId: input.outletId,
        pointsEarned: input.pointsEarned,
        pointsRedeemed: input.pointsRedeemed,
        request: input.request,
        result: (pendingUntil ? { ...input.result, pointsPending: Number(input.pointsEarned), pendingUntil } : input.result) as unknown as Record<string, unknown>,
        lines: input.lines,
        pendingTransferId,
        pendingPoints: pendingTransferId ? input.pointsEarned : '0',
        pendingUntil,
      });
      if (input.journal) {
        const storedResult = stored.result as { pendingUntil?: string };
        await hubEvents.journalQuiet({ ...input.journal, payload: { ...input.journal.payload, returnWindowEndsAt: storedResult.pendingUntil ?? null } });
      }
      log.info('sale posted', { schemeId: input.schemeId, uniqueId: input.uniqueId, earned: input.pointsEarned, redeemed: input.pointsRedeemed });
      return stored.result as unknown as SaleResult;
    }),

    /** The sale's return window ended: its pending points become available (once; a retry finds nothing pending). */
    activatePendingPoints: withFailureMapping(async (input: { schemeId: string; uniqueId: string }) => {
      const { activated } = await returns.activatePending(input.schemeId, input.uniqueId);
      log.info('pending points activated', { schemeId: input.schemeId, uniqueId: input.uniqueId, activated });
      return activated;
    }),
  };
}

export type SaleActivities = ReturnType<typeof createSaleActivities>;

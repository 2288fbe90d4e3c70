import { log } from '@temporalio/activity';
import type { LedgerPort } from '../domain/ports';
import { assertSaleContext } from '../domain/transactions/price-sale';
import type { CouponRepository, SaleContext, SalesRepository, SaleStore } from '../domain/transactions/ports';
import type { SaleResult } from '../domain/transactions/sale-result';
import type { ReturnsRepository } from '../domain/returns/ports';
import type { HubEventRepository } from '../domain/events/ports';
import { withFailureMapping } from './failures';
import { countSale, type PointsMetrics } from './metrics';
import { postSale, type PostSaleCommand } from './sale/post-sale';
import { postPricedSale, type PostSaleInput } from './sale/post-priced-sale';

export type { PostSaleInput };

export interface SaleActivityDeps {
  sales: SalesRepository;
  ledger: Pick<LedgerPort, 'apply'>;
  coupons: CouponRepository;
  returns: ReturnsRepository;
  hubEvents: HubEventRepository;
  saleStore: SaleStore;
  metrics: PointsMetrics;
}

export function createSaleActivities(deps: SaleActivityDeps) {
  return {
    /** Executions started before the one-step sale read the context in an activity of its own. */
    prepareSale: withFailureMapping(
      async (input: { schemeId: string; customerId?: string; customerBarcode?: string; outletId: string; giftCardCodes: string[]; couponCodes: string[] }): Promise<SaleContext> =>
        assertSaleContext(await deps.sales.context(input.schemeId, input, input.outletId, input.giftCardCodes, input.couponCodes)),
    ),

    /**
     * The sale, whole, in one transaction: the local activity of the one-step
     * sale. Executions started before it priced the sale in the workflow and
     * call this with the priced legs (`PostSaleInput`).
     */
    postSale: withFailureMapping(async (input: PostSaleCommand | PostSaleInput): Promise<SaleResult> => {
      // Executions from before the one-step sale (priced legs) are not counted: they are drained, not new sales.
      const result = 'sale' in input ? await postSale(deps.saleStore, input, (r) => countSale(deps.metrics, input.schemeId, r)) : await postPricedSale(deps, input);
      log.info('sale posted', { schemeId: input.schemeId, uniqueId: input.uniqueId, earned: result.pointsEarned, redeemed: result.pointsRedeemed });
      return result;
    }),

    /** The sale's return window ended: its pending points become available (once; a retry finds nothing pending). */
    activatePendingPoints: withFailureMapping(async (input: { schemeId: string; uniqueId: string }) => {
      const { activated } = await deps.returns.activatePending(input.schemeId, input.uniqueId);
      log.info('pending points activated', { schemeId: input.schemeId, uniqueId: input.uniqueId, activated });
      return activated;
    }),
  };
}

export type SaleActivities = ReturnType<typeof createSaleActivities>;

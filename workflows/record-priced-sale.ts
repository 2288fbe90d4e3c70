import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { SaleActivities } from '../activities/sales';
import { giftCardCodes, priceSale } from '../domain/transactions/price-sale';
import { recordedLines, saleResult } from '../domain/transactions/sale-result';
import { activityProfiles } from './activity-profiles';
import type { RecordSaleInput } from './contracts/sales';
import { searchAttributes } from './contracts/search-attributes';
import type { SaleResult } from '../domain/transactions/sale-result';
import { startPendingWindow } from './pending-window';
import { startPartnerSync } from './partner-sync-start';
import { asFailure } from './failure';
import { emitPurchase, purchaseEvent } from './emit-purchase';

const { prepareSale, postSale } = proxyActivities<SaleActivities>(activityProfiles.database);

/**
 * The sale as executions started before the one-step sale run it (their
 * histories replay through here): read the context in one activity, price it
 * in the workflow, post and record in a second, then start the follow-ups as
 * children before answering. Refusals fail the workflow, as they did then.
 */
export async function recordPricedSale(input: RecordSaleInput): Promise<SaleResult> {
  const ctx = await prepareSale({
    schemeId: input.schemeId,
    customerId: input.customerId,
    customerBarcode: input.customerBarcode,
    outletId: input.outletId,
    giftCardCodes: giftCardCodes(input.sale),
    couponCodes: input.sale.coupons,
  });
  upsertSearchAttributes([{ key: searchAttributes.customerId, value: ctx.customerId }]);

  let priced;
  try {
    priced = priceSale(input.sale, ctx, input.uniqueId);
  } catch (err) {
    throw asFailure(err);
  }
  const { calc, giftCardDebits } = priced;
  const purchase = (pendingUntil: string | null) => ({ schemeId: input.schemeId, uniqueId: input.uniqueId, customerId: ctx.customerId, outletId: ctx.outletId, calc, lines: input.sale.lines, pendingUntil });
  const result = saleResult(calc, {
    customerId: ctx.customerId,
    available: BigInt(ctx.available),
    decimals: ctx.currencyDecimals,
    uniqueId: input.uniqueId,
    statusUrl: input.statusUrl,
    status: 'COMPLETED',
    earnPending: ctx.rules.returnWindowSeconds > 0,
  });
  const posted = await postSale({
    schemeId: input.schemeId,
    uniqueId: input.uniqueId,
    requestHash: input.requestHash,
    customerId: ctx.customerId,
    outletId: ctx.outletId,
    accountId: ctx.accountId,
    walletId: ctx.walletId,
    pointsEarned: calc.pointsEarned.toString(),
    pointsRedeemed: calc.pointsRedeemed.toString(),
    request: input.request,
    result,
    lines: recordedLines(calc),
    giftCardDebits,
    coupons: input.sale.coupons,
    returnWindowSeconds: ctx.rules.returnWindowSeconds,
    // Nothing listens for this purchase (no mission counts it, no referral waits): journal it with the sale, no delivery workflow.
    ...(ctx.busListening === false ? { journal: purchaseEvent(purchase(null)) } : {}),
  });
  if (posted.pendingUntil) await startPendingWindow(input.schemeId, input.uniqueId, ctx.customerId, posted.pendingUntil);
  await startPartnerSync(input.schemeId, 'sale', input.uniqueId, ctx.customerId, ctx.partnerEvents ?? []);
  if (ctx.busListening !== false) await emitPurchase(purchase(posted.pendingUntil ?? null));
  return posted;
}

import { hubEventKeys } from '../domain/events/hub-event';
import type { SaleCalculation, SaleLine } from '../domain/transactions/calculate';
import { emitHubEvent } from './emit-hub-event';

/** A completed sale (posted by a till, or by redeeming a hold with the sale) on the event bus. */
export async function emitPurchase(input: { schemeId: string; uniqueId: string; customerId: string; outletId: string; calc: SaleCalculation; lines: SaleLine[]; pendingUntil: string | null }): Promise<void> {
  await emitHubEvent({
    schemeId: input.schemeId,
    key: hubEventKeys.sale(input.uniqueId),
    type: 'member-purchase-order-confirmed',
    customerId: input.customerId,
    occurredAt: new Date().toISOString(),
    payload: {
      uniqueId: input.uniqueId,
      outletId: input.outletId,
      totalMinor: input.calc.totalMinor.toString(),
      pointsEarned: input.calc.pointsEarned.toString(),
      returnWindowEndsAt: input.pendingUntil,
      lines: input.lines,
    },
  });
}

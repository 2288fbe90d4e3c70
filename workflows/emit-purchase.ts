import { hubEventKeys, type HubEvent } from '../domain/events/hub-event';
import type { SaleCalculation, SaleLine } from '../domain/transactions/calculate';
import { emitHubEvent } from './emit-hub-event';

export interface PurchaseFacts {
  schemeId: string;
  uniqueId: string;
  customerId: string;
  outletId: string;
  calc: SaleCalculation;
  lines: SaleLine[];
  pendingUntil: string | null;
}

/** A completed sale (posted by a till, or by redeeming a hold with the sale) as a bus event. */
export function purchaseEvent(input: PurchaseFacts): HubEvent {
  return {
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
  };
}

export async function emitPurchase(input: PurchaseFacts): Promise<void> {
  await emitHubEvent(purchaseEvent(input));
}

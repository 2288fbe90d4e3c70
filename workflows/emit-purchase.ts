import type { HubEvent } from '../domain/events/hub-event';
import type { SaleCalculation, SaleLine } from '../domain/transactions/calculate';
import { purchaseEvent as purchaseEventOf } from '../domain/transactions/sale-decision';
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

/** A completed sale as a bus event, at the workflow's clock (executions from before the one-step sale). */
export function purchaseEvent(input: PurchaseFacts): HubEvent {
  return purchaseEventOf({ ...input, occurredAt: new Date().toISOString() });
}

export async function emitPurchase(input: PurchaseFacts): Promise<void> {
  await emitHubEvent(purchaseEvent(input));
}

import type { DeliveryStatus } from '../../domain/triggers/trigger';

export interface DeliverTriggerEventInput {
  deliveryId: string;
  horizonSeconds: number;
}

/** What one attempt found: posted (or filtered out), or still behind the customer's earlier delivery. */
export type AttemptResult = Exclude<DeliveryStatus, 'PENDING' | 'FAILED'> | 'WAITING' | 'GONE';

export type DeliverTriggerEventWorkflow = (input: DeliverTriggerEventInput) => Promise<DeliveryStatus | 'GONE'>;

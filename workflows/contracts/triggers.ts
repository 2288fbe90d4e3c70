import type { DeliveryStatus } from '../../domain/triggers/trigger';

export interface DeliverTriggerEventInput {
  deliveryId: string;
  horizonSeconds: number;
  /** The delivery's run (0, then one more per redelivery): a stale run's attempts change nothing. */
  run?: number;
  /** Set when the workflow continues as new: the horizon's end, kept across runs (epoch ms). */
  deadline?: number;
}

/** What one attempt found: posted (or filtered out), or still behind the customer's earlier delivery. */
export type AttemptResult = Exclude<DeliveryStatus, 'PENDING' | 'FAILED'> | 'WAITING' | 'GONE';

export type DeliverTriggerEventWorkflow = (input: DeliverTriggerEventInput) => Promise<DeliveryStatus | 'GONE'>;

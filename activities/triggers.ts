import { ApplicationFailure, Context } from '@temporalio/activity';
import { matches } from '../domain/missions/matcher';
import { signWebhookWithEach } from '../domain/partners/webhook-signature';
import type { DeliveryStore } from '../domain/triggers/ports';
import { backoffSeconds, type DeliveryStatus } from '../domain/triggers/trigger';
import type { AttemptResult } from '../workflows/contracts/triggers';
import { withFailureMapping } from './failures';

const TIMEOUT_MS = 10_000;

/**
 * One attempt at a retailer's URL: the event as the hub recorded it, signed
 * over the exact bytes sent. A 2xx is DELIVERED; anything else (an error
 * status, a refused connection, a timeout) is written to the delivery and
 * thrown for Temporal to retry. The secret is used here and never logged.
 */
export function createTriggerActivities({ deliveries }: { deliveries: DeliveryStore }) {
  return {
    attemptTriggerDelivery: withFailureMapping(async ({ deliveryId, run = 0 }: { deliveryId: string; run?: number }): Promise<AttemptResult> => {
      const job = await deliveries.load(deliveryId);
      // Removed with its trigger, or redelivered since: this run has nothing left to do.
      if (!job || job.delivery.run !== run) return 'GONE';
      const { delivery, trigger, event } = job;
      if (delivery.status === 'DELIVERED' || delivery.status === 'FILTERED') return delivery.status;
      if (!trigger.active) {
        await deliveries.settle(deliveryId, run, 'FILTERED', { error: 'the trigger was turned off before delivery' });
        return 'FILTERED';
      }
      if (job.behind) return 'WAITING';
      if (!matches(trigger.settings.filter, event as unknown as Record<string, unknown>)) {
        await deliveries.settle(deliveryId, run, 'FILTERED', { error: "the trigger's filter excludes it" });
        return 'FILTERED';
      }
      const body = JSON.stringify(event);
      let statusCode: number | null = null;
      let error: string;
      try {
        const res = await fetch(trigger.settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'loyalty-hub',
            'x-hub-signature': signWebhookWithEach(job.secrets, Math.floor(Date.now() / 1000), body),
            'x-hub-event': event.type,
            'x-hub-delivery': delivery.id,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        await res.body?.cancel();
        statusCode = res.status;
        if (res.ok) {
          await deliveries.settle(deliveryId, run, 'DELIVERED', { statusCode });
          return 'DELIVERED';
        }
        error = `the receiver answered ${res.status}`;
      } catch (err) {
        error = err instanceof Error ? `${err.name}: ${err.cause instanceof Error ? err.cause.message : err.message}` : String(err);
      }
      const attempt = Context.current().info.attempt;
      await deliveries.attempted(deliveryId, run, { statusCode, error, nextAttemptAt: new Date(Date.now() + backoffSeconds(attempt) * 1000).toISOString() });
      throw ApplicationFailure.retryable(error, 'receiver_failed');
    }),

    settleTriggerDelivery: withFailureMapping(({ deliveryId, run = 0, status, error }: { deliveryId: string; run?: number; status: Exclude<DeliveryStatus, 'PENDING'>; error?: string }) =>
      deliveries.settle(deliveryId, run, status, { error: error ?? null }),
    ),
  };
}

export type TriggerActivities = ReturnType<typeof createTriggerActivities>;

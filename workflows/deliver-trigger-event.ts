import { ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { TriggerActivities } from '../activities/triggers';
import { nonRetryableErrorTypes } from '../domain/errors';
import { waitSeconds } from '../domain/triggers/trigger';
import { activityProfiles } from './activity-profiles';
import type { DeliverTriggerEventWorkflow } from './contracts/triggers';

const { settleTriggerDelivery } = proxyActivities<TriggerActivities>(activityProfiles.database);

/**
 * One event to one retailer URL. Each attempt is one activity (a signed POST,
 * its outcome written to the delivery row); Temporal retries it with backoff
 * (1 s doubling to a minute) until the trigger's horizon, after which the
 * delivery is FAILED. A delivery behind the customer's earlier one (still
 * PENDING) waits for it, so a receiver that comes back gets them in order.
 */
export const deliverTriggerEvent: DeliverTriggerEventWorkflow = async ({ deliveryId, horizonSeconds }) => {
  const deadline = Date.now() + horizonSeconds * 1000;
  for (let round = 0; ; round++) {
    const left = Math.floor((deadline - Date.now()) / 1000);
    if (left <= 0) break;
    const { attemptTriggerDelivery } = proxyActivities<TriggerActivities>({
      startToCloseTimeout: '30s',
      scheduleToCloseTimeout: `${left}s`,
      retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '60s', nonRetryableErrorTypes },
    });
    try {
      const result = await attemptTriggerDelivery({ deliveryId });
      if (result !== 'WAITING') return result;
    } catch (err) {
      // The horizon passed while the receiver kept failing: the delivery is FAILED, and the customer's next go on.
      const reason = err instanceof ApplicationFailure || err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      await settleTriggerDelivery({ deliveryId, status: 'FAILED', error: reason });
      return 'FAILED';
    }
    await sleep(`${waitSeconds(round)}s`);
  }
  await settleTriggerDelivery({ deliveryId, status: 'FAILED', error: 'the retry horizon passed while an earlier delivery of the customer was pending' });
  return 'FAILED';
};

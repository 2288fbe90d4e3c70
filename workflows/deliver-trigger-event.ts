import { ActivityFailure, CancellationScope, continueAsNew, isCancellation, proxyActivities, sleep, TimeoutFailure } from '@temporalio/workflow';
import type { TriggerActivities } from '../activities/triggers';
import { nonRetryableErrorTypes } from '../domain/errors';
import { waitSeconds } from '../domain/triggers/trigger';
import { activityProfiles } from './activity-profiles';
import type { DeliverTriggerEventInput, DeliverTriggerEventWorkflow } from './contracts/triggers';

const { settleTriggerDelivery } = proxyActivities<TriggerActivities>(activityProfiles.database);

/** Rounds of waiting behind the customer's earlier delivery before the history is rolled over (continue-as-new). */
const ROUNDS_PER_RUN = 200;

/** Why an attempt failed, as the delivery shows it. */
function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof TimeoutFailure) return 'the retry horizon passed while the receiver kept failing';
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * One event to one retailer URL. Each attempt is one activity (a signed POST,
 * its outcome written to the delivery row); Temporal retries it with backoff
 * (1 s doubling to a minute) until the trigger's horizon, after which the
 * delivery is FAILED (as it is when an attempt fails for good). A delivery
 * behind the customer's earlier one (still PENDING) waits for it, so a
 * receiver that comes back gets them in order; a long wait rolls the history
 * over instead of growing it.
 */
export const deliverTriggerEvent: DeliverTriggerEventWorkflow = async (input: DeliverTriggerEventInput) => {
  const { deliveryId, horizonSeconds } = input;
  const run = input.run ?? 0;
  const deadline = input.deadline ?? Date.now() + horizonSeconds * 1000;
  const settle = (error: string) => CancellationScope.nonCancellable(() => settleTriggerDelivery({ deliveryId, run, status: 'FAILED', error }));
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    const left = Math.floor((deadline - Date.now()) / 1000);
    if (left <= 0) break;
    const { attemptTriggerDelivery } = proxyActivities<TriggerActivities>({
      startToCloseTimeout: '30s',
      scheduleToCloseTimeout: `${left}s`,
      retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '60s', nonRetryableErrorTypes },
    });
    try {
      const result = await attemptTriggerDelivery({ deliveryId, run });
      if (result !== 'WAITING') return result;
    } catch (err) {
      if (isCancellation(err)) throw err;
      await settle(reasonOf(err));
      return 'FAILED';
    }
    await sleep(`${waitSeconds(round)}s`);
  }
  if (deadline > Date.now()) return continueAsNew<DeliverTriggerEventWorkflow>({ deliveryId, horizonSeconds, run, deadline });
  await settle('the retry horizon passed while an earlier delivery of the customer was pending');
  return 'FAILED';
};

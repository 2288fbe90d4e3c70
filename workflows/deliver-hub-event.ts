import { getExternalWorkflowHandle, log, patched, proxyActivities } from '@temporalio/workflow';
import type { HubEventActivities } from '../activities/hub-events';
import { activityProfiles } from './activity-profiles';
import type { DeliverHubEventWorkflow } from './contracts/events';
import { referralEvent } from './contracts/referrals';
import { emitHubEvent } from './emit-hub-event';
import { decided } from './outcome';
import type { HubEvent } from '../domain/events/hub-event';

const { processHubEvent } = proxyActivities<HubEventActivities>(activityProfiles.database);

/**
 * The event bus: one activity journals the event and counts it toward
 * missions; then the referred customer's open referrals get it by signal
 * (each decides whether it qualifies), and completed or reversed repetitions
 * are announced as `mission-status-updated` events of their own.
 */
export const deliverHubEvent: DeliverHubEventWorkflow = async (event) =>
  // A tracked event refused (its key reused with another body) completes with the refusal; executions from before failed.
  patched('refusal-outcome') ? decided(() => deliver(event)) : deliver(event);

async function deliver(event: HubEvent): Promise<Record<string, unknown>> {
  const delivery = await processHubEvent(event);
  let referralsSignalled = 0;
  for (const listener of delivery.referralListeners) {
    try {
      await getExternalWorkflowHandle(listener.workflowId).signal(referralEvent, event);
      referralsSignalled++;
    } catch (err) {
      // The referral's workflow has closed since it was listed: the event is no longer its concern.
      log.info('referral workflow not listening', { workflowId: listener.workflowId, error: String(err) });
    }
  }
  for (const change of delivery.changes) {
    await emitHubEvent({ schemeId: event.schemeId, key: `${change.rewardKey}/${change.status}`, type: 'mission-status-updated', customerId: change.customerId, occurredAt: new Date().toISOString(), payload: { ...change } });
  }
  return { referralsSignalled, missions: delivery.missions };
}

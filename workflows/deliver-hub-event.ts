import { getExternalWorkflowHandle, log, proxyActivities } from '@temporalio/workflow';
import type { HubEventActivities } from '../activities/hub-events';
import type { ReferralActivities } from '../activities/referrals';
import { activityProfiles } from './activity-profiles';
import { referralEvent, type DeliverHubEventWorkflow } from './definitions';

const { recordHubEvent, finishHubEvent } = proxyActivities<HubEventActivities>(activityProfiles.database);
const { referralListeners } = proxyActivities<ReferralActivities>(activityProfiles.database);

/**
 * The event bus: records the event once, then hands it to its listeners. A
 * referral's workflow gets the referred customer's events by signal and
 * decides for itself whether one qualifies.
 */
export const deliverHubEvent: DeliverHubEventWorkflow = async (event) => {
  const recorded = await recordHubEvent(event);
  if (recorded.status === 'success' && recorded.effects) return recorded.effects;

  const listeners = await referralListeners({ schemeId: event.schemeId, customerId: event.customerId });
  let referralsSignalled = 0;
  for (const listener of listeners) {
    try {
      await getExternalWorkflowHandle(listener.workflowId).signal(referralEvent, event);
      referralsSignalled++;
    } catch (err) {
      // The referral's workflow has closed since it was listed: the event is no longer its concern.
      log.info('referral workflow not listening', { workflowId: listener.workflowId, error: String(err) });
    }
  }
  const effects = { referralsSignalled };
  await finishHubEvent({ schemeId: event.schemeId, key: event.key, status: 'success', effects });
  return effects;
};

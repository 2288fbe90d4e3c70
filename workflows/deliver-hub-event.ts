import { getExternalWorkflowHandle, log, proxyActivities } from '@temporalio/workflow';
import type { HubEventActivities } from '../activities/hub-events';
import type { MissionActivities } from '../activities/missions';
import type { ReferralActivities } from '../activities/referrals';
import type { HubEvent } from '../domain/events/hub-event';
import type { MissionOutcome } from '../domain/missions/ports';
import { activityProfiles } from './activity-profiles';
import { referralEvent, type DeliverHubEventWorkflow } from './definitions';
import { emitHubEvent } from './emit-hub-event';

const { recordHubEvent, finishHubEvent } = proxyActivities<HubEventActivities>(activityProfiles.database);
const { referralListeners } = proxyActivities<ReferralActivities>(activityProfiles.database);
const { applyMissions, rollBackMissions } = proxyActivities<MissionActivities>(activityProfiles.database);

/** Mission progress for one event: a manual increment targets one mission; a full return also takes back what its sale counted. */
async function missionsFor(event: HubEvent): Promise<MissionOutcome> {
  if (event.type === 'mission-counter-incremented') {
    const { missionId, amount } = event.payload as { missionId: string; amount: string };
    return applyMissions({ event, target: { missionId, amount } });
  }
  const applied = await applyMissions({ event });
  if (event.type !== 'member-purchase-order-returned') return applied;
  const rolledBack = await rollBackMissions({ event });
  return { effects: [...applied.effects, ...rolledBack.effects], changes: [...applied.changes, ...rolledBack.changes] };
}

/**
 * The event bus: records the event once, counts it toward missions, hands it
 * to the referred customer's open referrals (by signal: each decides whether
 * it qualifies), and announces completed or reversed repetitions as
 * `mission-status-updated` events of their own.
 */
export const deliverHubEvent: DeliverHubEventWorkflow = async (event) => {
  const recorded = await recordHubEvent(event);
  if (recorded.status === 'success' && recorded.effects) return recorded.effects;

  let missions: MissionOutcome;
  try {
    missions = await missionsFor(event);
  } catch (err) {
    await finishHubEvent({ schemeId: event.schemeId, key: event.key, status: 'failed', effects: { error: err instanceof Error ? err.message : String(err) } });
    throw err;
  }

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
  for (const change of missions.changes) {
    await emitHubEvent({ schemeId: event.schemeId, key: `${change.rewardKey}/${change.status}`, type: 'mission-status-updated', customerId: change.customerId, occurredAt: new Date().toISOString(), payload: { ...change } });
  }
  const effects = { referralsSignalled, missions: missions.effects };
  await finishHubEvent({ schemeId: event.schemeId, key: event.key, status: 'success', effects });
  return effects;
};

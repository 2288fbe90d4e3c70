import type { HubEvent } from '../domain/events/hub-event';
import type { HubEventRepository } from '../domain/events/ports';
import { HubError } from '../domain/errors';
import { countEvent } from '../domain/missions/count-event';
import { rollBackSale } from '../domain/missions/roll-back-sale';
import type { MissionOutcome, MissionRepository, MissionStore } from '../domain/missions/ports';
import type { ReferralListener, ReferralRepository } from '../domain/referrals/ports';
import type { MissionEffect } from '../domain/missions/types';
import type { MissionStatusChange } from '../domain/missions/ports';
import { withFailureMapping } from './failures';

export interface HubEventActivityDeps {
  hubEvents: HubEventRepository;
  missions: MissionRepository;
  missionStore: MissionStore;
  referrals: ReferralRepository;
}

/** What delivering an event did and who else must hear of it; stored on the event, so a retry answers the same. */
export interface HubEventDelivery {
  missions: MissionEffect[];
  changes: MissionStatusChange[];
  referralListeners: ReferralListener[];
}

/** Mission progress for one event: a manual increment targets one mission; a full return also takes back what its sale counted. */
async function missionsFor(missions: MissionRepository, store: MissionStore, event: HubEvent): Promise<MissionOutcome> {
  if (event.type === 'mission-counter-incremented') {
    const { missionId, amount } = event.payload as { missionId: string; amount: string };
    return countEvent(store, event, { missionId, amount });
  }
  const applied = await countEvent(store, event);
  if (event.type !== 'member-purchase-order-returned') return applied;
  const rolledBack = await rollBackSale(store, event);
  return { effects: [...applied.effects, ...rolledBack.effects], changes: [...applied.changes, ...rolledBack.changes] };
}

export function createHubEventActivities({ hubEvents, missions, missionStore, referrals }: HubEventActivityDeps) {
  return {
    /**
     * Everything an event does in the database, in one activity: journal it
     * (once per scheme and key), count it toward missions (one transaction,
     * contribution rows make a retry a no-op), list the referrals waiting on
     * the customer. One activity rather than four keeps the bus cheap: every
     * sale pays for it.
     */
    processHubEvent: withFailureMapping(async (event: HubEvent): Promise<HubEventDelivery> => {
      const recorded = await hubEvents.record(event);
      if (recorded.status === 'success' && recorded.effects) return recorded.effects as unknown as HubEventDelivery;
      let outcome: MissionOutcome;
      try {
        outcome = await missionsFor(missions, missionStore, event);
      } catch (err) {
        // A refusal is the event's outcome; anything else is retried and the event stays `running`.
        if (err instanceof HubError) await hubEvents.finish(event.schemeId, event.key, 'failed', { error: { code: err.type, message: err.message } });
        throw err;
      }
      const delivery: HubEventDelivery = { missions: outcome.effects, changes: outcome.changes, referralListeners: await referrals.listeners(event.schemeId, event.customerId) };
      await hubEvents.finish(event.schemeId, event.key, 'success', delivery as unknown as Record<string, unknown>);
      return delivery;
    }),
  };
}

export type HubEventActivities = ReturnType<typeof createHubEventActivities>;

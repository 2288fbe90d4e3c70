import { log } from '@temporalio/activity';
import type { HubEvent } from '../domain/events/hub-event';
import type { MissionOutcome, MissionRepository } from '../domain/missions/ports';
import { withFailureMapping } from './failures';

export interface MissionActivityDeps {
  missions: MissionRepository;
}

export function createMissionActivities({ missions }: MissionActivityDeps) {
  return {
    /** One transaction per event; a retry finds its contribution rows and changes nothing. */
    applyMissions: withFailureMapping(async (input: { event: HubEvent; target?: { missionId: string; amount: string } }): Promise<MissionOutcome> => {
      const outcome = await missions.apply(input.event, input.target);
      if (outcome.changes.length > 0) log.info('missions completed', { eventKey: input.event.key, changes: outcome.changes.length });
      return outcome;
    }),
    rollBackMissions: withFailureMapping(async (input: { event: HubEvent }): Promise<MissionOutcome> => missions.rollBack(input.event)),
  };
}

export type MissionActivities = ReturnType<typeof createMissionActivities>;

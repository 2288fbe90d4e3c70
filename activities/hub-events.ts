import type { HubEvent } from '../domain/events/hub-event';
import type { HubEventRepository, HubEventStatus, RecordedHubEvent } from '../domain/events/ports';
import { withFailureMapping } from './failures';

export interface HubEventActivityDeps {
  hubEvents: HubEventRepository;
}

export function createHubEventActivities({ hubEvents }: HubEventActivityDeps) {
  return {
    /** Idempotent: the (scheme, key) unique constraint keeps one row per event. */
    recordHubEvent: withFailureMapping(async (event: HubEvent): Promise<RecordedHubEvent> => hubEvents.record(event)),
    finishHubEvent: withFailureMapping(async (input: { schemeId: string; key: string; status: HubEventStatus; effects: Record<string, unknown> }): Promise<void> =>
      hubEvents.finish(input.schemeId, input.key, input.status, input.effects),
    ),
  };
}

export type HubEventActivities = ReturnType<typeof createHubEventActivities>;

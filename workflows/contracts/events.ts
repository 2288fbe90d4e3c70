import type { HubEvent } from '../../domain/events/hub-event';
import type { Outcome } from '../../domain/outcome';

export type DeliverHubEventWorkflow = (event: HubEvent) => Promise<Outcome<Record<string, unknown>> | Record<string, unknown>>;

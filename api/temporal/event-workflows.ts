import type { HubEvent } from '../../domain/events/hub-event';
import type { DeliverHubEventWorkflow } from '../../workflows/contracts/events';
import { workflowIds, workflowTypes } from '../../workflows/contracts/registry';
import type { EventWorkflows, RequestMeta } from '../ports';
import { WorkflowStarter } from './workflow-starter';

export class TemporalEventWorkflows extends WorkflowStarter implements EventWorkflows {
  /** The request hash is part of the id: the same key with another body gets its own run, which the journal refuses (409). */
  track(event: HubEvent & { tracked: NonNullable<HubEvent['tracked']> }, meta: RequestMeta): Promise<Record<string, unknown>> {
    return this.execute<DeliverHubEventWorkflow>(workflowTypes.deliverHubEvent, meta, {
      ...this.startOptions(meta, event.schemeId, { customerId: event.customerId, uniqueId: event.key, extra: [] }),
      workflowId: `${workflowIds.deliverHubEvent(event.schemeId, event.key)}/${event.tracked.requestHash.slice(0, 16)}`,
      args: [event],
    });
  }
}


import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import type { HubEvent } from '../domain/events/hub-event';
import type { DeliverHubEventWorkflow } from './contracts/events';
import { workflowIds, workflowTypes } from './contracts/registry';
import { searchAttributes } from './contracts/search-attributes';

/**
 * Puts an event on the hub's event bus: a `deliverHubEvent` workflow of its
 * own (parent-close ABANDON, id from the event key), so the operation that
 * emitted it never waits for its listeners. Emitting the same event twice
 * finds the first delivery. Patched so executions recorded before the bus
 * existed replay unchanged.
 */
export async function emitHubEvent(event: HubEvent): Promise<void> {
  if (!patched('hub-events')) return;
  try {
    await startChild<DeliverHubEventWorkflow>(workflowTypes.deliverHubEvent, {
      workflowId: workflowIds.deliverHubEvent(event.schemeId, event.key),
      args: [event],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: searchAttributes.schemeId, value: event.schemeId },
        { key: searchAttributes.customerId, value: event.customerId },
        { key: searchAttributes.uniqueId, value: event.key },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

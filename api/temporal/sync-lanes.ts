import type { Client } from '@temporalio/client';
import type { SyncLanes, SyncTask } from '../../domain/partners/sync';
import { enqueueSync, type SyncLaneWorkflow } from '../../workflows/contracts/partners';
import { workflowIds, workflowTypes } from '../../workflows/contracts/registry';
import { searchAttributes } from '../../workflows/contracts/search-attributes';

/** Signal-with-start: the lane is created on first use and reopened after it went idle. */
export function temporalSyncLanes(client: Client, taskQueue: string): SyncLanes {
  return {
    async enqueue(task) {
      await client.workflow.signalWithStart<SyncLaneWorkflow, [SyncTask]>(workflowTypes.syncLane, {
        workflowId: workflowIds.syncLane(task.connectionId, task.customerId),
        taskQueue,
        args: [{ connectionId: task.connectionId, customerId: task.customerId, queue: [], seen: [] }],
        signal: enqueueSync,
        signalArgs: [task],
        typedSearchAttributes: [
          { key: searchAttributes.schemeId, value: task.schemeId },
          { key: searchAttributes.customerId, value: task.customerId },
        ],
      });
    },
  };
}

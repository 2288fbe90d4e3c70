import { condition, continueAsNew, executeChild, log, setHandler, workflowInfo } from '@temporalio/workflow';
import type { SyncTask } from '../domain/partners/sync';
import { enqueueSync, laneQueue, type SyncLaneWorkflow, type SyncOperationWorkflow } from './contracts/partners';
import { workflowTypes } from './contracts/registry';
import { searchAttributes } from './contracts/search-attributes';

/**
 * The order guarantee: one lane per (connection, customer) runs that
 * customer's syncs one after another, each as its own child workflow, so a
 * return is never sent before its sale. The lane ends when idle; the next
 * dispatch (signal-with-start) opens a new run.
 */
export const syncLane: SyncLaneWorkflow = async (input) => {
  const queue: SyncTask[] = [...input.queue];
  const seen = new Set(input.seen);
  setHandler(enqueueSync, (task) => {
    if (seen.has(task.workflowId)) return;
    seen.add(task.workflowId);
    queue.push(task);
  });
  setHandler(laneQueue, () => queue);

  for (;;) {
    if (!(await condition(() => queue.length > 0, '10 minutes'))) return;
    const task = queue.shift() as SyncTask;
    try {
      await executeChild<SyncOperationWorkflow>(workflowTypes.syncOperation, {
        workflowId: task.workflowId,
        args: [task],
        // The same id again is the same sync: never run it twice.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: searchAttributes.schemeId, value: task.schemeId },
          { key: searchAttributes.customerId, value: task.customerId },
        ],
      });
    } catch (err) {
      // The operation records its own outcome; a rejected duplicate already ran.
      log.warn('sync operation did not complete', { workflowId: task.workflowId, error: String(err) });
    }
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<SyncLaneWorkflow>({ ...input, queue, seen: [...seen].slice(-1000) });
    }
  }
};

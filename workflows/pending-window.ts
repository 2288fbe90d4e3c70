import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { workflowIds, workflowTypes } from './contracts/registry';
import type { ActivatePendingPointsWorkflow } from './contracts/sales';
import { searchAttributes } from './contracts/search-attributes';

/**
 * A sale whose points are pending gets its window as a workflow of its own
 * (named after the sale, parent-close ABANDON): the POS has its answer now, and
 * the durable timer activates the points at `pendingUntil`.
 */
export async function startPendingWindow(schemeId: string, uniqueId: string, customerId: string, pendingUntil: string): Promise<void> {
  await startChild<ActivatePendingPointsWorkflow>(workflowTypes.activatePendingPoints, {
    workflowId: workflowIds.activatePendingPoints(schemeId, uniqueId),
    args: [{ schemeId, uniqueId, activateAt: pendingUntil }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: searchAttributes.schemeId, value: schemeId },
      { key: searchAttributes.customerId, value: customerId },
      { key: searchAttributes.uniqueId, value: uniqueId },
    ],
  });
}

import { randomUUID } from 'node:crypto';
import { ScheduleAlreadyRunning, ScheduleNotFoundError } from '@temporalio/client';
import type { ReconciliationRun } from '../../domain/partners/reconciliation';
import type { ReconcileConnectionWorkflow } from '../../workflows/contracts/partners';
import { workflowIds, workflowTypes } from '../../workflows/contracts/registry';
import { searchAttributes } from '../../workflows/contracts/search-attributes';
import type { ReconciliationWorkflows, RequestMeta } from '../ports';
import { StillRunning } from './failures';
import { WorkflowStarter } from './workflow-starter';

/** Reconciliation runs on demand, and a Temporal Schedule per connection (ops pause or trigger it in the Web UI). */
export class TemporalReconciliationWorkflows extends WorkflowStarter implements ReconciliationWorkflows {
  /** Answers the report if the run finishes within the request's deadline, else its workflow id (202). */
  async reconcile(input: { schemeId: string; connectionId: string; autoCorrect: boolean }, meta: RequestMeta): Promise<ReconciliationRun | { workflowId: string }> {
    const workflowId = `reconcile/${input.connectionId}/${randomUUID()}`;
    const { handle } = await this.begin<ReconcileConnectionWorkflow>(workflowTypes.reconcileConnection, meta, {
      ...this.startOptions(meta, input.schemeId, {}),
      requestEagerStart: false,
      workflowExecutionTimeout: '24h',
      workflowId,
      args: [input],
    });
    try {
      return await this.answer(workflowTypes.reconcileConnection, meta, handle);
    } catch (err) {
      if (err instanceof StillRunning) return { workflowId };
      throw err;
    }
  }

  async ensureSchedule(input: { schemeId: string; connectionId: string; autoCorrect: boolean; everyHours: number; pollEveryMinutes?: number }): Promise<void> {
    if (input.pollEveryMinutes) await this.ensurePollSchedule(input.schemeId, input.connectionId, input.pollEveryMinutes);
    try {
      await this.client.schedule.create({
        scheduleId: workflowIds.reconcileSchedule(input.connectionId),
        spec: { intervals: [{ every: `${input.everyHours}h` }] },
        action: {
          type: 'startWorkflow',
          workflowType: workflowTypes.reconcileConnection,
          taskQueue: this.taskQueue,
          workflowId: `reconcile/${input.connectionId}/scheduled`,
          args: [{ schemeId: input.schemeId, connectionId: input.connectionId, autoCorrect: input.autoCorrect }],
          typedSearchAttributes: [{ key: searchAttributes.schemeId, value: input.schemeId }],
        },
      });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    }
  }

  /** Partners with a pull API (Loyale updated customers): polled with a cursor; ops pause or trigger it in the Web UI. */
  private async ensurePollSchedule(schemeId: string, connectionId: string, everyMinutes: number): Promise<void> {
    try {
      await this.client.schedule.create({
        scheduleId: workflowIds.pollSchedule(connectionId),
        spec: { intervals: [{ every: `${everyMinutes}m` }] },
        action: {
          type: 'startWorkflow',
          workflowType: workflowTypes.pollPartnerCustomers,
          taskQueue: this.taskQueue,
          workflowId: `poll/${connectionId}/scheduled`,
          args: [{ schemeId, connectionId }],
          typedSearchAttributes: [{ key: searchAttributes.schemeId, value: schemeId }],
        },
      });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    }
  }

  async removeSchedule(connectionId: string): Promise<void> {
    for (const id of [workflowIds.reconcileSchedule(connectionId), workflowIds.pollSchedule(connectionId)]) {
      try {
        await this.client.schedule.getHandle(id).delete();
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      }
    }
  }
}

import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import type { RollUpStatsWorkflow } from '../../workflows/contracts/stats';
import { workflowIds, workflowTypes } from '../../workflows/contracts/registry';

/**
 * The stats roll-up's clock: one Temporal Schedule for the hub, hourly (a
 * scheme's day settles an hour after its local midnight, whatever its zone).
 * An overlapping run is skipped; ops pause or trigger it in the Web UI.
 */
export async function ensureStatsSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: workflowIds.statsSchedule,
      spec: { intervals: [{ every: '1h', offset: '10m' }] },
      policies: { overlap: 'SKIP', catchupWindow: '1h' },
      action: { type: 'startWorkflow', workflowType: workflowTypes.rollUpStats, taskQueue, workflowId: workflowIds.statsRollUp, args: [{}] as Parameters<RollUpStatsWorkflow> },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}

import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { NotFoundError } from '../../domain/errors';
import type { SchemeRepository } from '../../domain/ports';
import type { ExpiryWorkflows, TierWorkflows } from '../ports';
import type { HoldManualTierWorkflow } from '../../workflows/contracts/tiers';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { SweepExpiryWorkflow } from '../../workflows/contracts/expiry';
import { workflowIds, workflowTypes } from '../../workflows/contracts/registry';
import { searchAttributes } from '../../workflows/contracts/search-attributes';

/**
 * The durable expiry clock: one Temporal Schedule per scheme whose points
 * expire, daily at 00:05 in the scheme's time zone (lots fall due at local
 * midnight on the first of a month; the daily run also catches a day the
 * server was down, within the catch-up window). One schedule per scheme
 * rather than a timer per lot or per customer: a million customers' lots due
 * the same midnight are one sweep over an index, not a million timers. An
 * overlapping run is skipped; ops pause, trigger or backfill it in the Web UI.
 */
export async function ensureExpirySchedule(client: Client, taskQueue: string, scheme: { schemeId: string; timeZone: string }): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: workflowIds.expirySchedule(scheme.schemeId),
      spec: { calendars: [{ hour: 0, minute: 5 }], timezone: scheme.timeZone },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
      action: {
        type: 'startWorkflow',
        workflowType: workflowTypes.sweepExpiry,
        taskQueue,
        workflowId: workflowIds.expirySweep(scheme.schemeId),
        args: [{ schemeId: scheme.schemeId }] as Parameters<SweepExpiryWorkflow>,
        typedSearchAttributes: [{ key: searchAttributes.schemeId, value: scheme.schemeId }],
      },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}

/** The API's side: an account that starts to expire gets its scheme's schedule (a retried request ensures it again). */
export class TemporalExpirySchedules implements ExpiryWorkflows, TierWorkflows {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly schemes: Pick<SchemeRepository, 'findById'>,
  ) {}

  async ensureSchedule(schemeId: string): Promise<void> {
    const scheme = await this.schemes.findById(schemeId);
    if (!scheme) throw new NotFoundError('Scheme');
    await ensureExpirySchedule(this.client, this.taskQueue, { schemeId, timeZone: scheme.timeZone });
  }

  async holdManualTier(input: { schemeId: string; customerId: string; expiresAt: string }): Promise<void> {
    try {
      await this.client.workflow.start<HoldManualTierWorkflow>(workflowTypes.holdManualTier, {
        taskQueue: this.taskQueue,
        workflowId: workflowIds.holdManualTier(input.schemeId, input.customerId, input.expiresAt),
        args: [input],
        typedSearchAttributes: [
          { key: searchAttributes.schemeId, value: input.schemeId },
          { key: searchAttributes.customerId, value: input.customerId },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}

/** The same Temporal clock serves the expiry schedule and the manual-tier timers. */
export const clocks = (c: TemporalExpirySchedules) => ({ expiry: c, tiers: c });

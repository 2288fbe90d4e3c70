import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ConflictError, DependencyUnavailableError, NotFoundError } from '../../domain/errors';
import { holdState, redeemHold, removeHold, workflowIds, workflowTypes, type HoldInput, type HoldPointsWorkflow, type HoldView, type RedeemArgs } from '../../workflows/definitions';
import type { HoldWorkflows, RequestMeta } from '../ports';
import { fromFailureCause, fromWorkflowFailure, isConnectivityError } from './failures';
import { WorkflowStarter } from './workflow-starter';

/** Holds: a long-lived workflow per hold, driven by updates and read by query. */
export class TemporalHoldWorkflows extends WorkflowStarter implements HoldWorkflows {
  /** Starts (or joins) a hold and waits until its points are held, or it failed. */
  async placeHold(input: HoldInput, meta: RequestMeta): Promise<HoldView> {
    let handle: WorkflowHandle<HoldPointsWorkflow>;
    try {
      handle = await this.client.workflow.start<HoldPointsWorkflow>(workflowTypes.holdPoints, {
        ...this.startOptions(meta, input.schemeId, { customerId: input.customerId, uniqueId: input.uniqueId, memo: { requestHash: input.requestHash } }),
        workflowId: workflowIds.holdPoints(input.schemeId, input.uniqueId),
        // A hold outlives the request: its own deadline ends it, not the default execution timeout.
        workflowExecutionTimeout: `${input.expiresInSeconds + 600}s`,
        args: [input],
      });
      this.metrics.workflowStarts.inc({ workflow: workflowTypes.holdPoints });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw isConnectivityError(err) ? new DependencyUnavailableError('Temporal is unavailable; retry later') : err;
      handle = this.client.workflow.getHandle<HoldPointsWorkflow>(err.workflowId);
    }
    const deadline = Date.now() + this.resultTimeoutMs;
    for (;;) {
      const d = await handle.describe();
      if (d.status.name === 'FAILED' || d.status.name === 'TERMINATED' || d.status.name === 'TIMED_OUT') {
        const err = await handle.result().then(() => null, (e: unknown) => fromWorkflowFailure(e));
        throw err ?? new DependencyUnavailableError('The hold failed');
      }
      const view = await handle.query(holdState);
      if (view.requestHash !== input.requestHash) throw new ConflictError('This uniqueId was already used for a different hold');
      if (view.status !== 'PLACING') return view;
      if (Date.now() > deadline) throw new DependencyUnavailableError('Still placing the hold; retry the same request for its result');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async holdState(schemeId: string, holdId: string): Promise<HoldView | null> {
    try {
      return await this.client.workflow.getHandle(workflowIds.holdPoints(schemeId, holdId)).query(holdState);
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') return null;
      throw err;
    }
  }

  async redeemHold(schemeId: string, holdId: string, args: RedeemArgs): Promise<HoldView> {
    const { points } = args;
    return this.holdUpdate(
      schemeId,
      holdId,
      (h) => h.executeUpdate(redeemHold, { args: [args] }),
      // The same redeem after the hold closed answers the first outcome.
      (v) => v.status === 'REDEEMED' && (args.sale ? v.sale !== null : v.pointsRedeemed === (points ?? v.pointsHeld)),
    );
  }

  async removeHold(schemeId: string, holdId: string): Promise<HoldView> {
    return this.holdUpdate(schemeId, holdId, (h) => h.executeUpdate(removeHold), (v) => v.status === 'REMOVED');
  }

  private async holdUpdate(
    schemeId: string,
    holdId: string,
    update: (h: WorkflowHandle) => Promise<HoldView>,
    isRepeat: (finalView: HoldView) => boolean,
  ): Promise<HoldView> {
    const handle = this.client.workflow.getHandle(workflowIds.holdPoints(schemeId, holdId));
    try {
      return await update(handle);
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const mapped = fromFailureCause(err.cause);
        if (mapped) throw mapped;
        throw err;
      }
      if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
      // Unknown, or already closed (updates are refused then): its final state answers.
      const view = await handle.query(holdState).catch(() => null);
      if (!view) throw new NotFoundError('Hold');
      if (isRepeat(view)) return view;
      throw new ConflictError(`The hold is ${view.status}`);
    }
  }
}

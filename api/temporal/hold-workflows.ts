import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { isOutcome, type Outcome } from '../../domain/outcome';
import { holdPlaced, holdState, redeemHold, removeHold, type HoldInput, type HoldPointsWorkflow, type HoldView, type RedeemArgs } from '../../workflows/contracts/holds';
import { workflowIds, workflowTypes } from '../../workflows/contracts/registry';
import type { HoldWorkflows, RequestMeta } from '../ports';
import { fromFailureCause } from './failures';
import { WorkflowStarter } from './workflow-starter';

/** The final view of a closed hold, from its result (one-step outcome, or the bare view of older executions). */
const finalView = (result: Outcome<HoldView> | HoldView): HoldView | null => (isOutcome<HoldView>(result) ? (result.outcome === 'completed' ? result.value : null) : result);

/** Holds: a long-lived workflow per hold, driven by updates and read by query. */
export class TemporalHoldWorkflows extends WorkflowStarter implements HoldWorkflows {
  /**
   * Starts the hold and waits for its placement in the same call
   * (update-with-start): one start, one workflow task. A repeat joins the
   * running hold; a closed one answers its final view, unless it was refused
   * (a refusal holds nothing, so the same request is judged afresh).
   */
  async placeHold(input: HoldInput, meta: RequestMeta): Promise<HoldView> {
    const workflowId = workflowIds.holdPoints(input.schemeId, input.uniqueId);
    const place = (reuse: 'ALLOW_DUPLICATE_FAILED_ONLY' | 'ALLOW_DUPLICATE') => {
      const start = new WithStartWorkflowOperation<HoldPointsWorkflow>(workflowTypes.holdPoints, {
        ...this.startOptions(meta, input.schemeId, { customerId: input.customerId, uniqueId: input.uniqueId, memo: { requestHash: input.requestHash } }),
        requestEagerStart: false,
        workflowIdReusePolicy: reuse,
        workflowId,
        // A hold outlives the request: its own deadline ends it, not the default execution timeout.
        workflowExecutionTimeout: `${input.expiresInSeconds + 600}s`,
        args: [{ ...input, oneStep: true }],
      });
      return this.withinDeadline(meta, () => this.client.workflow.executeUpdateWithStart(holdPlaced, { startWorkflowOperation: start }));
    };
    let outcome: Outcome<HoldView> | HoldView;
    try {
      outcome = await place('ALLOW_DUPLICATE_FAILED_ONLY');
      this.metrics.workflowStarts.inc({ workflow: workflowTypes.holdPoints, eager: 'false' });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw this.holdFailure(err);
      const closed = await this.withinDeadline(meta, () => this.client.workflow.getHandle<HoldPointsWorkflow>(workflowId).result());
      outcome = isOutcome(closed) && closed.outcome === 'refused' ? await place('ALLOW_DUPLICATE').catch((e: unknown) => Promise.reject(this.holdFailure(e))) : closed;
    }
    if ((isOutcome(outcome) ? outcome.requestHash : outcome.requestHash) !== input.requestHash) throw new ConflictError('This uniqueId was already used for a different hold');
    return this.value(workflowTypes.holdPoints, outcome) as HoldView;
  }

  async holdState(schemeId: string, holdId: string): Promise<HoldView | null> {
    try {
      return await this.withinDeadline({}, () => this.client.workflow.getHandle(workflowIds.holdPoints(schemeId, holdId)).query(holdState));
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') return null;
      throw this.holdFailure(err);
    }
  }

  async redeemHold(schemeId: string, holdId: string, args: RedeemArgs, meta: RequestMeta): Promise<HoldView> {
    const { points } = args;
    return this.holdUpdate(
      schemeId,
      holdId,
      meta,
      (h) => h.executeUpdate(redeemHold, { args: [args] }),
      // The same redeem after the hold closed answers the first outcome.
      (v) => v.status === 'REDEEMED' && (args.sale ? v.sale !== null : v.pointsRedeemed === (points ?? v.pointsHeld)),
    );
  }

  async removeHold(schemeId: string, holdId: string, meta: RequestMeta): Promise<HoldView> {
    return this.holdUpdate(schemeId, holdId, meta, (h) => h.executeUpdate(removeHold), (v) => v.status === 'REMOVED');
  }

  private async holdUpdate(
    schemeId: string,
    holdId: string,
    meta: RequestMeta,
    update: (h: WorkflowHandle) => Promise<HoldView>,
    isRepeat: (finalView: HoldView) => boolean,
  ): Promise<HoldView> {
    const handle = this.client.workflow.getHandle<HoldPointsWorkflow>(workflowIds.holdPoints(schemeId, holdId));
    try {
      return await this.withinDeadline(meta, () => update(handle));
    } catch (err) {
      if ((err as Error).name !== 'WorkflowNotFoundError') throw this.holdFailure(err);
      // Unknown, or already closed (updates are refused then): its final state answers.
      const result = await this.withinDeadline(meta, () => handle.result()).catch(() => null);
      const view = result === null ? null : finalView(result);
      if (!view) throw new NotFoundError('Hold');
      if (isRepeat(view)) return view;
      throw new ConflictError(`The hold is ${view.status}`);
    }
  }

  /** An update's business failure (a refused redeem) as its HubError; a Temporal that does not answer as a 503. */
  private holdFailure(err: unknown): unknown {
    if (err instanceof WorkflowUpdateFailedError) return fromFailureCause(err.cause) ?? err;
    return this.unavailable(workflowTypes.holdPoints, err);
  }
}

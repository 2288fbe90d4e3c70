import {
  ApplicationFailure,
  TemporalFailure,
  type SearchAttributePair,
  type Workflow,
  type WorkflowResultType,
} from '@temporalio/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ConflictError, DependencyUnavailableError, HubError, isErrorType, NotFoundError, type ErrorDetail } from '../domain/errors';
import type { Metrics } from '../runtime/metrics';
import {
  searchAttributes,
  workflowIds,
  workflowTypes,
  type ApplyLedgerRequestWorkflow,
  type HoldInput,
  type HoldPointsWorkflow,
  type HoldView,
  type RedeemArgs,
  holdState,
  redeemHold,
  removeHold,
  type CreateCustomerWorkflow,
  type LedgerRequestInput,
  type RecordSaleInput,
  type RecordSaleWorkflow,
  type ReturnInput,
  type ReturnSaleWorkflow,
  type UpdateCustomerWorkflow,
} from '../workflows/definitions';
import type { SaleResult } from '../domain/transactions/sale-result';
import type { ReturnResult } from '../domain/returns/result';
import type { CustomerWorkflows, HoldWorkflows, LedgerWorkflows, RequestMeta, ReturnWorkflows, SaleState, SaleWorkflows } from './ports';

/** The innermost ApplicationFailure of a failure chain, back as the HubError it started as. */
export function fromFailureCause(failure: unknown): HubError | null {
  let cause = failure;
  while (cause instanceof TemporalFailure && !(cause instanceof ApplicationFailure) && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure && isErrorType(cause.type)) {
    const details = (cause.details?.[0] as ErrorDetail[] | undefined) ?? [];
    return new HubError(cause.type, cause.message, details);
  }
  return null;
}

/** A failed workflow's business error, or the error itself. */
export function fromWorkflowFailure(err: unknown): unknown {
  if (!(err instanceof WorkflowFailedError)) return err;
  return fromFailureCause(err.cause) ?? err;
}

function isConnectivityError(err: unknown): boolean {
  const text = String((err as Error)?.message ?? err);
  return /UNAVAILABLE|DEADLINE_EXCEEDED|ECONNREFUSED|Connection dropped|failed to connect/i.test(text);
}

/** The workflow is still running when the caller stopped waiting; the caller decides what that means. */
class StillRunning extends Error {}

async function withDeadline<T>(promise: Promise<T>, ms: number, signalStillRunning = false): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          signalStillRunning
            ? new StillRunning()
            : new DependencyUnavailableError('Still processing; retry the same request (same Idempotency-Key) for its result'),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts (or joins) workflows for the API and waits for their results. */
export class TemporalWorkflowGateway implements CustomerWorkflows, LedgerWorkflows, SaleWorkflows, HoldWorkflows, ReturnWorkflows {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly metrics: Metrics,
    /** How long a request waits for its workflow before answering 503 (the workflow carries on). */
    private readonly resultTimeoutMs = 15_000,
  ) {}

  create(input: Parameters<CreateCustomerWorkflow>[0], meta: RequestMeta) {
    return this.run(workflowTypes.createCustomer, meta, () =>
      this.client.workflow.start<CreateCustomerWorkflow>(workflowTypes.createCustomer, {
        ...this.startOptions(meta, input.schemeId, {}),
        workflowId: workflowIds.createCustomer(input.schemeId, input.idempotencyKey, input.requestHash),
        args: [input],
      }),
    );
  }

  update(input: Parameters<UpdateCustomerWorkflow>[0], meta: RequestMeta) {
    return this.run(workflowTypes.updateCustomer, meta, () =>
      this.client.workflow.start<UpdateCustomerWorkflow>(workflowTypes.updateCustomer, {
        ...this.startOptions(meta, input.schemeId, { customerId: input.customerId }),
        workflowId: workflowIds.updateCustomer(input.schemeId, input.customerId, meta.requestId),
        args: [input],
      }),
    );
  }

  applyLedgerRequest(input: LedgerRequestInput, meta: RequestMeta) {
    return this.run(workflowTypes.applyLedgerRequest, meta, () =>
      this.client.workflow.start<ApplyLedgerRequestWorkflow>(workflowTypes.applyLedgerRequest, {
        ...this.startOptions(meta, input.schemeId, { uniqueId: input.systemUniqueKey }),
        workflowId: workflowIds.applyLedgerRequest(input.schemeId, input.systemUniqueKey, input.requestHash),
        args: [input],
      }),
    );
  }

  /**
   * Starts (or joins) the sale's workflow and waits up to `waitMs` for it; null
   * when it is still running (the API answers 202 and the status URL).
   */
  async recordSale(input: RecordSaleInput, meta: RequestMeta, waitMs: number): Promise<SaleResult | null> {
    const start = async () => {
      const handle = await this.client.workflow.start<RecordSaleWorkflow>(workflowTypes.recordSale, {
        ...this.startOptions(meta, input.schemeId, {
          customerId: input.customerId,
          uniqueId: input.uniqueId,
          extra: [{ key: searchAttributes.outletId, value: input.outletId }],
          memo: { requestHash: input.requestHash },
        }),
        workflowId: workflowIds.recordSale(input.schemeId, input.uniqueId),
        args: [input],
      });
      // USE_EXISTING may have joined a running sale: it must be this very request.
      const { memo } = await handle.describe();
      if (memo?.requestHash !== undefined && memo.requestHash !== input.requestHash) {
        throw new ConflictError('This uniqueId was already used for a different transaction');
      }
      return handle;
    };
    try {
      return await this.run(workflowTypes.recordSale, meta, start, waitMs);
    } catch (err) {
      if (err instanceof StillRunning) return null;
      throw err;
    }
  }

  /** Starts (or joins) a return; a repeat with another body under the same return uniqueId is a conflict. */
  returnSale(input: ReturnInput, meta: RequestMeta): Promise<ReturnResult> {
    return this.run(workflowTypes.returnSale, meta, async () => {
      const workflowId = workflowIds.returnSale(input.schemeId, input.saleUniqueId, input.uniqueId);
      const handle = await this.client.workflow
        .start<ReturnSaleWorkflow>(workflowTypes.returnSale, {
          ...this.startOptions(meta, input.schemeId, { uniqueId: input.saleUniqueId ?? input.uniqueId, memo: { requestHash: input.requestHash } }),
          workflowId,
          args: [input],
        })
        .catch((err: unknown) => {
          // Completed before: its memo says whether this is the same return.
          if (err instanceof WorkflowExecutionAlreadyStartedError) return this.client.workflow.getHandle<ReturnSaleWorkflow>(workflowId);
          throw err;
        });
      const { memo } = await handle.describe();
      if (memo?.requestHash !== undefined && memo.requestHash !== input.requestHash) throw new ConflictError('This return uniqueId was already used for a different return');
      return handle;
    });
  }

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

  /** The sale workflow's state, for the status endpoint. */
  async saleStatus(schemeId: string, uniqueId: string): Promise<SaleState | null> {
    try {
      const handle = this.client.workflow.getHandle(workflowIds.recordSale(schemeId, uniqueId));
      const d = await handle.describe();
      if (d.status.name === 'RUNNING') return { status: 'PROCESSING' };
      if (d.status.name === 'COMPLETED') return null; // the stored sale answers
      const reason = await handle.result().then(
        () => null,
        (err: unknown) => fromWorkflowFailure(err),
      );
      return {
        status: 'FAILED',
        ...(reason instanceof HubError ? { error: { code: reason.type, message: reason.message } } : {}),
      };
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') return null;
      throw err;
    }
  }

  private startOptions(
    meta: RequestMeta,
    schemeId: string,
    opts: { customerId?: string; uniqueId?: string; extra?: SearchAttributePair[]; memo?: Record<string, unknown> },
  ) {
    const typedSearchAttributes: SearchAttributePair[] = [{ key: searchAttributes.schemeId, value: schemeId }, ...(opts.extra ?? [])];
    if (opts.customerId) typedSearchAttributes.push({ key: searchAttributes.customerId, value: opts.customerId });
    if (opts.uniqueId) typedSearchAttributes.push({ key: searchAttributes.uniqueId, value: opts.uniqueId });
    return {
      taskQueue: this.taskQueue,
      // A retried request attaches to the running workflow, or reads the result
      // of the completed one. A failed or timed-out run may be run again: its
      // activities are idempotent, so the answer is still the first one.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes,
      // Shown in the Web UI: ops can go from a workflow to the request's log lines.
      memo: { requestId: meta.requestId, ...opts.memo },
      workflowExecutionTimeout: '15m',
    } as const;
  }

  private async run<W extends Workflow>(
    type: string,
    meta: RequestMeta,
    start: () => Promise<WorkflowHandle<W>>,
    waitMs?: number,
  ): Promise<WorkflowResultType<W>> {
    try {
      const handle = await start().catch((err: unknown) => {
        if (err instanceof WorkflowExecutionAlreadyStartedError) {
          // Completed earlier under this id: its result is the answer.
          return this.client.workflow.getHandle<W>(err.workflowId);
        }
        throw err;
      });
      this.metrics.workflowStarts.inc({ workflow: type });
      meta.log.info({ workflowType: type, workflowId: handle.workflowId }, 'workflow started');
      return await withDeadline(handle.result(), waitMs ?? this.resultTimeoutMs, waitMs !== undefined);
    } catch (err) {
      const mapped = fromWorkflowFailure(err);
      if (err instanceof StillRunning) throw err;
      if (mapped instanceof HubError) {
        this.metrics.workflowFailures.inc({ workflow: type, reason: mapped.type });
        throw mapped;
      }
      this.metrics.workflowFailures.inc({ workflow: type, reason: 'system' });
      if (isConnectivityError(err)) throw new DependencyUnavailableError('Temporal is unavailable; retry later');
      throw err;
    }
  }
}

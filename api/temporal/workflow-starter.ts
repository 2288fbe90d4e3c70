import type { SearchAttributePair, Workflow, WorkflowResultType } from '@temporalio/common';
import { Client, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { DependencyUnavailableError, HubError } from '../../domain/errors';
import type { Metrics } from '../../runtime/metrics';
import { searchAttributes } from '../../workflows/definitions';
import type { RequestMeta } from '../ports';
import { fromWorkflowFailure, isConnectivityError, StillRunning, withDeadline } from './failures';

/** Starting (or joining) a workflow for a request and waiting for its result, shared by the gateways. */
export abstract class WorkflowStarter {
  constructor(
    protected readonly client: Client,
    protected readonly taskQueue: string,
    protected readonly metrics: Metrics,
    /** How long a request waits for its workflow before answering 503 (the workflow carries on). */
    protected readonly resultTimeoutMs = 15_000,
  ) {}

  protected startOptions(
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

  protected async run<W extends Workflow>(
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
      // Stop the result's long poll when we stop waiting: left running, it would outlive the request
      // (and retry against a closed connection at shutdown).
      const stopPolling = new AbortController();
      const result = this.client.withAbortSignal(stopPolling.signal, () => handle.result());
      result.catch(() => undefined);
      try {
        return await withDeadline(result, waitMs ?? this.resultTimeoutMs, waitMs !== undefined);
      } finally {
        stopPolling.abort();
      }
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

import type { SearchAttributePair, Workflow } from '@temporalio/common';
import { Client, WorkflowExecutionAlreadyStartedError, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import { DependencyUnavailableError, HubError } from '../../domain/errors';
import { isOutcome, unwrap, type Outcome } from '../../domain/outcome';
import type { Metrics } from '../metrics';
import { searchAttributes } from '../../workflows/contracts/search-attributes';
import type { RequestMeta } from '../ports';
import { beforeDeadline, fromWorkflowFailure, isConnectivityError, StillRunning } from './failures';

export interface StarterSettings {
  /**
   * A client on the NativeConnection of this process's worker: workflows are
   * started through it eagerly (the worker runs the first task without a
   * round trip). Everything else goes through the main client: the native
   * connection does not end a long poll on abort, and ends it late at its deadline.
   */
  eagerClient?: Client;
  /** The deadline of a call made without a request (ms). */
  deadlineMs: number;
}

export const defaultStarterSettings: StarterSettings = { deadlineMs: 5000 };

/** A started or joined workflow; `created` when this call started it (so it runs this request's input). */
export interface Begun<W extends Workflow> {
  handle: WorkflowHandle<W>;
  created: boolean;
}

/** What a workflow returns: a one-step outcome, or (older executions, other workflows) the bare value. */
type ResultOf<W extends Workflow> = Awaited<ReturnType<W>>;
type ValueOf<R> = R extends { outcome: 'completed'; value: infer T } ? T : R extends { outcome: 'refused' } ? never : R;

/** Starting (or joining) a workflow for a request and waiting for its answer, within the request's deadline. */
export abstract class WorkflowStarter {
  constructor(
    protected readonly client: Client,
    protected readonly taskQueue: string,
    protected readonly metrics: Metrics,
    protected readonly settings: StarterSettings = defaultStarterSettings,
  ) {}

  /**
   * When a Temporal call on a request's behalf must give up: a little before
   * the request's own deadline, so the handler still has time to answer (202,
   * or 503 with Retry-After) itself.
   */
  protected deadlineOf(meta: Pick<RequestMeta, 'deadline'>): number {
    return this.hardDeadlineOf(meta) - Math.min(250, Math.round(this.settings.deadlineMs / 4));
  }

  /** The request's own deadline, for the last calls a handler makes before answering. */
  protected hardDeadlineOf(meta: Pick<RequestMeta, 'deadline'>): number {
    return meta.deadline ?? Date.now() + this.settings.deadlineMs;
  }

  /** Any Temporal call on a request's behalf gives up at its deadline (DEADLINE_EXCEEDED becomes a 503). */
  protected withinDeadline<T>(meta: Pick<RequestMeta, 'deadline'>, fn: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(this.deadlineOf(meta), fn);
  }

  protected startOptions(
    meta: RequestMeta,
    schemeId: string,
    opts: { customerId?: string; uniqueId?: string; extra?: SearchAttributePair[]; memo?: Record<string, unknown>; oneStep?: boolean },
  ) {
    const typedSearchAttributes: SearchAttributePair[] = [{ key: searchAttributes.schemeId, value: schemeId }, ...(opts.extra ?? [])];
    if (opts.customerId) typedSearchAttributes.push({ key: searchAttributes.customerId, value: opts.customerId });
    if (opts.uniqueId) typedSearchAttributes.push({ key: searchAttributes.uniqueId, value: opts.uniqueId });
    return {
      taskQueue: this.taskQueue,
      // A retried request attaches to the running workflow, or reads the answer
      // of the completed one. A failed run may run again (its steps are
      // idempotent); so may a refused one (see begin()).
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes,
      // Shown in the Web UI: ops can go from a workflow to the request's log lines.
      memo: { requestId: meta.requestId, ...opts.memo },
      // A one-step operation is bounded by its local activity's schedule-to-close (10 min); an execution
      // timeout would cost the server a timer per sale for nothing.
      ...(opts.oneStep ? {} : { workflowExecutionTimeout: '15m' }),
    } as const;
  }

  /**
   * Starts the workflow, or joins the one running under its id, within the
   * deadline: a Temporal that does not answer is a 503, never a hang. An
   * earlier run that ended in a refusal consumed nothing, so the same request
   * is judged afresh in a new run; any other closed run's answer stands.
   */
  protected async begin<W extends Workflow>(type: string, meta: RequestMeta, options: WorkflowStartOptions<W>): Promise<Begun<W>> {
    const deadline = this.deadlineOf(meta);
    const starter = this.settings.eagerClient ?? this.client;
    const start = async (reuse?: 'ALLOW_DUPLICATE'): Promise<Begun<W>> => {
      const opts = { ...options, ...(reuse ? { workflowIdReusePolicy: reuse } : {}), requestEagerStart: starter !== this.client };
      const started = await beforeDeadline(deadline, starter.withDeadline(deadline, () => starter.workflow.start<W>(type, opts)));
      // Eagerly started means created by this very call (an existing run is joined, never eager).
      return { handle: started, created: started.eagerlyStarted };
    };
    try {
      try {
        const begun = await start();
        this.metrics.workflowStarts.inc({ workflow: type, eager: String(begun.created) });
        meta.log.debug({ workflowType: type, workflowId: begun.handle.workflowId }, 'workflow started');
        return begun;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        const prior = starter.workflow.getHandle<W>(options.workflowId);
        const answer = await beforeDeadline(deadline, starter.withDeadline(deadline, () => prior.result())).catch(() => undefined);
        if (!(isOutcome(answer) && answer.outcome === 'refused')) return { handle: prior, created: false };
        return await start('ALLOW_DUPLICATE').catch((again: unknown) => {
          if (again instanceof WorkflowExecutionAlreadyStartedError) return { handle: prior, created: false };
          throw again;
        });
      }
    } catch (err) {
      throw this.unavailable(type, err);
    }
  }

  /**
   * The workflow's answer, or StillRunning when the deadline comes first (the
   * workflow carries on). Awaited on the native connection when there is one
   * (cheaper than grpc-js here). That connection cannot abort a long poll, and
   * given a gRPC deadline the server cancels the poll and the connection
   * retries it; so the poll gets no deadline, a timer decides when this request
   * stops waiting, and a poll left behind ends when its workflow does (at most
   * one per request admitted while Temporal was slow). A plain client aborts.
   */
  protected async answer<W extends Workflow>(type: string, meta: RequestMeta, handle: WorkflowHandle<W>): Promise<ResultOf<W>> {
    const deadline = this.deadlineOf(meta);
    const native = this.settings.eagerClient;
    const stop = new AbortController();
    const poll = native
      ? native.workflow.getHandle<W>(handle.workflowId).result()
      : this.client.withAbortSignal(stop.signal, () => this.client.workflow.getHandle<W>(handle.workflowId).result());
    try {
      return (await beforeDeadline(deadline, poll)) as ResultOf<W>;
    } catch (err) {
      const mapped = fromWorkflowFailure(err);
      if (mapped instanceof HubError) {
        this.metrics.workflowFailures.inc({ workflow: type, reason: mapped.type });
        throw mapped;
      }
      if (Date.now() >= deadline - 100 && isConnectivityError(err)) throw new StillRunning();
      throw this.unavailable(type, err);
    } finally {
      stop.abort();
    }
  }

  /**
   * Start (or join), wait, and return the value: a refusal is thrown as its
   * HubError; a workflow still running at the deadline is a 503 asking for
   * the same request again (it carries on, and the repeat joins it).
   */
  protected async execute<W extends Workflow>(type: string, meta: RequestMeta, options: WorkflowStartOptions<W>): Promise<ValueOf<ResultOf<W>>> {
    const { handle } = await this.begin(type, meta, options);
    try {
      return this.value(type, await this.answer(type, meta, handle));
    } catch (err) {
      if (err instanceof StillRunning) throw new DependencyUnavailableError('Still processing; retry the same request (same Idempotency-Key) for its result');
      throw err;
    }
  }

  /** A one-step outcome's value; its refusal (counted by type) as the HubError it was. */
  protected value<R>(type: string, result: R): ValueOf<R> {
    if (isOutcome(result) && result.outcome === 'refused') this.metrics.workflowRefusals.inc({ workflow: type, reason: result.refusal.type });
    return unwrap(result as Outcome<ValueOf<R>> | ValueOf<R>);
  }

  protected unavailable(type: string, err: unknown): unknown {
    if (err instanceof HubError) return err;
    this.metrics.workflowFailures.inc({ workflow: type, reason: 'system' });
    if (isConnectivityError(err)) return new DependencyUnavailableError('Temporal is unavailable; retry the same request later');
    return err;
  }
}

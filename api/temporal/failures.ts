import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { DependencyUnavailableError, HubError, isErrorType, type ErrorDetail } from '../../domain/errors';

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

/**
 * Why a workflow failed, for status endpoints: its typed error, or else the
 * innermost failure's message (activity failures carry no SQL or values, see
 * activities/failures.ts) — `FAILED` never comes without a reason.
 */
export function failureReason(err: unknown): { code: string; message: string } {
  const typed = fromWorkflowFailure(err);
  if (typed instanceof HubError) return { code: typed.type, message: typed.message };
  let cause = err as { message?: string; cause?: unknown } | undefined;
  while (cause?.cause) cause = cause.cause as { message?: string; cause?: unknown };
  const inner = (cause?.message ?? '').split('\n')[0];
  return { code: 'internal_error', message: `The operation failed${inner ? `: ${inner}` : ''}; quote the uniqueId when reporting it` };
}

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

/** Temporal did not answer (down, unreachable, or past the call's deadline), anywhere in the error's cause chain. */
export function isConnectivityError(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 8; e = e.cause as typeof e, depth++) {
    if (e.code === UNAVAILABLE || e.code === DEADLINE_EXCEEDED) return true;
    if (/UNAVAILABLE|DEADLINE_EXCEEDED|Deadline exceeded|Timeout expired|ECONNREFUSED|Connection dropped|failed to connect|transport error/i.test(String(e.message ?? e))) return true;
  }
  return false;
}

/** The workflow is still running when the caller stopped waiting; the caller decides what that means. */
export class StillRunning extends Error {}

export async function withDeadline<T>(promise: Promise<T>, ms: number, signalStillRunning = false): Promise<T> {
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

/** A call that has not settled by the deadline is given up on here (it may still finish, harmlessly: starts are idempotent). */
export async function beforeDeadline<T>(deadline: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('DEADLINE_EXCEEDED: no answer from Temporal in time'), { code: 4 })), Math.max(0, deadline - Date.now()));
  });
  call.catch(() => undefined);
  try {
    return await Promise.race([call, late]);
  } finally {
    clearTimeout(timer);
  }
}


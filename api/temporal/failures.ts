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

export function isConnectivityError(err: unknown): boolean {
  const text = String((err as Error)?.message ?? err);
  return /UNAVAILABLE|DEADLINE_EXCEEDED|ECONNREFUSED|Connection dropped|failed to connect/i.test(text);
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

import { ApplicationFailure } from '@temporalio/workflow';
import { HubError, nonRetryableErrorTypes, type ErrorType } from '../domain/errors';

/**
 * A rule refusing inside workflow code must fail the workflow (or the update),
 * not its task — Temporal would retry a failed task forever.
 */
export function asFailure(err: unknown): unknown {
  if (err instanceof HubError) {
    return ApplicationFailure.create({ type: err.type, message: err.message, details: [err.details], nonRetryable: nonRetryableErrorTypes.includes(err.type) });
  }
  return err;
}

export function failure(type: ErrorType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** The innermost message of a failure chain (an activity's or child's business error), for records ops read. */
export function failureMessage(err: unknown): string {
  let cause = err as { message?: string; cause?: unknown } | undefined;
  while (cause?.cause) cause = cause.cause as { message?: string; cause?: unknown };
  return cause?.message ?? String(err);
}

import { ApplicationFailure } from '@temporalio/activity';
import { HubError, nonRetryableErrorTypes } from '../domain/errors';

/**
 * Business failures cross into Temporal as ApplicationFailures carrying the
 * error's stable `type`, non-retryable when retrying cannot change the answer.
 * Anything else (a dropped connection, a timeout) is rethrown as is and retried.
 */
export function toActivityFailure(err: unknown): unknown {
  if (err instanceof HubError) {
    return ApplicationFailure.create({
      type: err.type,
      message: err.message,
      details: [err.details],
      nonRetryable: nonRetryableErrorTypes.includes(err.type),
    });
  }
  return err;
}

/** Wraps an activity so its typed errors reach the workflow with their type intact. */
export function withFailureMapping<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      throw toActivityFailure(err);
    }
  };
}

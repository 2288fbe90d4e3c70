import { ApplicationFailure } from '@temporalio/activity';
import { HubError, nonRetryableErrorTypes } from '../domain/errors';
import { classifyDatabaseError } from '../db/failures';

/**
 * The one translation of an activity's error into a Temporal failure:
 * - typed business errors keep their stable `type`, non-retryable when
 *   retrying cannot change the answer;
 * - a database refusal (a constraint, a value out of range) is the typed,
 *   non-retryable error it means — the workflow records why, instead of
 *   retrying for ten minutes and failing without a reason;
 * - a database outage is retried, under a message without SQL or values
 *   (failure messages are stored in workflow history and shown in the UI);
 * - anything else is rethrown as is and retried.
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
  const db = classifyDatabaseError(err);
  if (db?.kind === 'refused') return toActivityFailure(db.error);
  if (db?.kind === 'unavailable') return ApplicationFailure.create({ type: 'dependency_unavailable', message: db.summary, nonRetryable: false });
  if (db?.kind === 'internal') return ApplicationFailure.create({ type: 'database_error', message: db.summary, nonRetryable: false });
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

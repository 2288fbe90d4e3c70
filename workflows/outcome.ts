import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, upsertSearchAttributes } from '@temporalio/workflow';
import { HubError, isErrorType, nonRetryableErrorTypes, type ErrorDetail } from '../domain/errors';
import type { Outcome, Refusal } from '../domain/outcome';
import { searchAttributes } from './contracts/search-attributes';

/** The business refusal inside a failure chain (a step's non-retryable typed error), or null for a real failure. */
export function refusalIn(err: unknown): Refusal | null {
  if (err instanceof HubError) return nonRetryableErrorTypes.includes(err.type) ? { type: err.type, message: err.message, details: err.details } : null;
  let cause: unknown = err;
  while ((cause instanceof ActivityFailure || cause instanceof ChildWorkflowFailure) && cause.cause) {
    cause = cause.cause;
  }
  if (cause instanceof ApplicationFailure && isErrorType(cause.type) && nonRetryableErrorTypes.includes(cause.type)) {
    return { type: cause.type, message: cause.message, details: (cause.details?.[0] as ErrorDetail[] | undefined) ?? [] };
  }
  return null;
}

/**
 * Runs an operation's step and turns a business refusal into the workflow's
 * answer: the workflow completes with it, its search attribute `Outcome` set
 * to `refused` and the refusal's type, instead of failing. Anything else still
 * fails it. Completed operations carry no `Outcome` (an upsert per sale would
 * cost the server a visibility write): ops find refusals with
 * `Outcome = "refused"`, real failures under Failed.
 */
export async function decided<T>(step: () => Promise<T>, requestHash?: string): Promise<Outcome<T>> {
  try {
    const value = await step();
    return { outcome: 'completed', value, ...(requestHash ? { requestHash } : {}) };
  } catch (err) {
    const refusal = refusalIn(err);
    if (!refusal) throw err;
    upsertSearchAttributes([{ key: searchAttributes.outcome, value: ['refused', refusal.type] }]);
    return { outcome: 'refused', refusal, ...(requestHash ? { requestHash } : {}) };
  }
}

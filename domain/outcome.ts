import { HubError, isErrorType, type ErrorDetail, type ErrorType } from './errors';

/**
 * A business refusal is an answer, not a failure: a workflow that refuses a
 * request completes with it (its `Outcome` search attribute says `refused`),
 * so "Failed" in the Temporal UI means something really broke.
 */
export interface Refusal {
  type: ErrorType;
  message: string;
  details: ErrorDetail[];
}

/** What a one-step workflow answers. `requestHash` lets the API tell a retry from a reused id with another body. */
export type Outcome<T> =
  | { outcome: 'completed'; value: T; requestHash?: string }
  | { outcome: 'refused'; refusal: Refusal; requestHash?: string };

export function refusalOf(err: HubError): Refusal {
  return { type: err.type, message: err.message, details: err.details };
}

export function refusalError(refusal: Refusal): HubError {
  return new HubError(refusal.type, refusal.message, refusal.details);
}

/** Executions started before outcomes existed return the bare value (or failed). */
export function isOutcome<T>(value: unknown): value is Outcome<T> {
  const o = value as { outcome?: unknown; refusal?: { type?: unknown } } | null;
  return typeof o === 'object' && o !== null && (o.outcome === 'completed' || (o.outcome === 'refused' && isErrorType(o.refusal?.type)));
}

/** The value of a completed outcome; a refusal becomes its HubError again. */
export function unwrap<T>(result: Outcome<T> | T): T {
  if (!isOutcome<T>(result)) return result;
  if (result.outcome === 'refused') throw refusalError(result.refusal);
  return result.value;
}

/**
 * The hub's typed errors. `type` is a stable, documented code: it is what
 * clients see in `error.code`, what Temporal carries as `ApplicationFailure.type`
 * across the workflow boundary, and what the API maps to an HTTP status.
 */
export const errorTypes = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'unsupported_media_type',
  'conflict',
  'idempotency_key_reused',
  'business_rule_violated',
  'dependency_unavailable',
  'overloaded',
] as const;

export type ErrorType = (typeof errorTypes)[number];

export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

export class HubError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export class ValidationError extends HubError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('validation_failed', message, details);
  }
}

export class UnauthorizedError extends HubError {
  constructor(message = 'Missing or invalid credentials') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends HubError {
  constructor(message = 'Not allowed') {
    super('forbidden', message);
  }
}

export class NotFoundError extends HubError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** A body that is not JSON: every endpoint speaks JSON only. */
export class UnsupportedMediaTypeError extends HubError {
  constructor(contentType: string | undefined) {
    super('unsupported_media_type', `Request bodies must be JSON (Content-Type: application/json), not ${contentType ?? 'unspecified'}`);
  }
}

export class ConflictError extends HubError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('conflict', message, details);
  }
}

export class IdempotencyKeyReusedError extends HubError {
  constructor() {
    super('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body');
  }
}

export class BusinessRuleError extends HubError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('business_rule_violated', message, details);
  }
}

export class DependencyUnavailableError extends HubError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('dependency_unavailable', message, details);
  }
}

/** The hub is at capacity: the request was shed at the door, untouched; retry after the Retry-After. */
export class OverloadedError extends HubError {
  constructor(message = 'The hub is at capacity; retry shortly') {
    super('overloaded', message);
  }
}

export function isErrorType(value: unknown): value is ErrorType {
  return typeof value === 'string' && (errorTypes as readonly string[]).includes(value);
}

/** Errors that describe the system's state, not the request: the same request may succeed later. */
export const transientErrorTypes: ErrorType[] = ['dependency_unavailable', 'overloaded'];

/** Errors that describe the request, not the system: retrying cannot help. */
export const nonRetryableErrorTypes: ErrorType[] = errorTypes.filter((t) => !transientErrorTypes.includes(t));

/** What a database error means (db/failures.ts decides): an outage to retry, a refusal to answer, or a bug. `summary` never quotes SQL or values. */
export type DatabaseFailure =
  | { kind: 'unavailable'; summary: string }
  | { kind: 'refused'; summary: string; error: HubError }
  | { kind: 'internal'; summary: string };

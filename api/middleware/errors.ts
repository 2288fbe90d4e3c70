import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { HubError, type ErrorType } from '../../domain/errors';
import type { DatabaseFailure } from '../../domain/errors';
import { dialectOfPath, errorBody } from '../dialects';

/** The single place where an error type becomes an HTTP status. */
export const statusByType: Record<ErrorType, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unsupported_media_type: 415,
  conflict: 409,
  idempotency_key_reused: 409,
  business_rule_violated: 422,
  dependency_unavailable: 503,
  overloaded: 503,
};

export const notFound: RequestHandler = (req) => {
  throw new HubError('not_found', `No route for ${req.method} ${req.path}`);
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

function fromBodyParser(err: BodyParserError): { status: number; code: string; message: string } | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'malformed_json', message: 'Request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: 'payload_too_large', message: `Request body exceeds the ${err.limit} byte limit` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_media_type', message: err.message };
    default:
      // Express's router: a path parameter that is not valid percent-encoded UTF-8 (e.g. %ED%A0%80).
      if (err instanceof URIError && err.status === 400) return { status: 400, code: 'validation_failed', message: 'A path parameter is not valid percent-encoded UTF-8' };
      return null;
  }
}

export interface ErrorHandlerOptions {
  /** What a database error means (an outage, a refusal, a bug), or null when it is not one. */
  classify?: (err: unknown) => DatabaseFailure | null;
  /** Seconds a 503 asks the caller to wait before retrying. */
  retryAfterSeconds?: number;
}

/**
 * The one error format of the request's dialect (api/dialects.ts): the hub's
 * `{ error: { code, message, details?, requestId } }`, or the seed's flat
 * `error` string with the same fields beside it; a 503 says when to retry.
 */
export function sendError(res: Response, status: number, body: { code: string; message: string; details?: unknown[] }, retryAfterSeconds?: number): void {
  if (res.headersSent) return;
  if (status === 503) res.setHeader('Retry-After', String(retryAfterSeconds ?? 1));
  // The route's accepted credentials (api/middleware/auth.ts), one challenge each.
  if (status === 401 && res.locals.challenge) res.setHeader('WWW-Authenticate', res.locals.challenge);
  // The original URL (a router mounted under a prefix sees a shortened req.path), origin- or absolute-form.
  const path = requestPath(res.req?.originalUrl ?? '');
  res.status(status).json(errorBody(dialectOfPath(path), body, res.locals.requestId));
}

/**
 * Every error leaves in one format; stack traces and internals never do. A
 * dependency that is down or too slow is a 503 with Retry-After on every
 * route, never a 500.
 */
export const errorHandler = (opts: ErrorHandlerOptions = {}): ErrorRequestHandler => (err, _req, res, _next) => {
  let status: number;
  let body: { code: string; message: string; details?: unknown[] };
  const db = err instanceof HubError ? null : (opts.classify?.(err) ?? null);
  if (db?.kind === 'unavailable') {
    status = 503;
    body = { code: 'dependency_unavailable', message: 'PostgreSQL is unavailable or too slow; retry the same request later' };
  } else if (err instanceof HubError || db?.kind === 'refused') {
    const typed = db?.kind === 'refused' ? db.error : (err as HubError);
    status = statusByType[typed.type];
    body = { code: typed.type, message: typed.message, ...(typed.details.length ? { details: typed.details } : {}) };
  } else {
    const parsed = fromBodyParser(err as BodyParserError);
    if (parsed) {
      status = parsed.status;
      body = { code: parsed.code, message: parsed.message };
    } else {
      status = 500;
      body = { code: 'internal_error', message: 'Something went wrong; quote the request id when reporting it' };
    }
  }
  const log = res.locals.log;
  // A database error is logged by its summary (SQLSTATE, table, constraint), never its SQL or values.
  // A 503 is counted (metrics) and its access-log line names it; an outage or a flood must not also flood the log.
  if (status === 500) log?.error(db ? { database: db.summary } : { err }, 'request failed');
  else log?.debug({ code: body.code, reason: db?.summary ?? (status === 503 ? (err as Error)?.message : undefined) }, 'request rejected');
  sendError(res, status, body, opts.retryAfterSeconds);
};

/** The path of a request target: origin-form (`/api/Store?x`) or absolute-form (`http://host/api/Store`), which Express also routes. */
function requestPath(target: string): string {
  if (target.startsWith('/')) return target.split('?')[0] ?? '';
  try {
    return new URL(target).pathname;
  } catch {
    return '';
  }
}

import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { HubError, type ErrorType } from '../../domain/errors';

/** The single place where an error type becomes an HTTP status. */
export const statusByType: Record<ErrorType, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
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
      return null;
  }
}

export interface ErrorHandlerOptions {
  /** Names the dependency an error says is down or too slow (a database timeout, a lost connection), or null. */
  unavailable?: (err: unknown) => string | null;
  /** Seconds a 503 asks the caller to wait before retrying. */
  retryAfterSeconds?: number;
}

/** The one error format: `{ error: { code, message, details?, requestId } }`; a 503 says when to retry. */
export function sendError(res: Response, status: number, body: { code: string; message: string; details?: unknown[] }, retryAfterSeconds?: number): void {
  if (res.headersSent) return;
  if (status === 503) res.setHeader('Retry-After', String(retryAfterSeconds ?? 1));
  res.status(status).json({ error: { ...body, requestId: res.locals.requestId } });
}

/**
 * Every error leaves in one format; stack traces and internals never do. A
 * dependency that is down or too slow is a 503 with Retry-After on every
 * route, never a 500.
 */
export const errorHandler = (opts: ErrorHandlerOptions = {}): ErrorRequestHandler => (err, _req, res, _next) => {
  let status: number;
  let body: { code: string; message: string; details?: unknown[] };
  const down = err instanceof HubError ? null : (opts.unavailable?.(err) ?? null);
  if (down) {
    status = 503;
    body = { code: 'dependency_unavailable', message: `${down} is unavailable or too slow; retry the same request later` };
  } else if (err instanceof HubError) {
    status = statusByType[err.type];
    body = { code: err.type, message: err.message, ...(err.details.length ? { details: err.details } : {}) };
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
  // A 503 is counted (metrics) and its access-log line names it; an outage or a flood must not also flood the log.
  if (status === 500) log?.error({ err }, 'request failed');
  else log?.debug({ code: body.code, reason: status === 503 ? (err as Error)?.message : undefined }, 'request rejected');
  sendError(res, status, body, opts.retryAfterSeconds);
};

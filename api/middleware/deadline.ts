import type { RequestHandler } from 'express';
import type { Metrics } from '../metrics';
import { sendError } from './errors';

/**
 * Every request is answered within `deadlineMs`. Handlers carry the deadline
 * (`res.locals.deadline`) into every Temporal call, so they answer in time
 * themselves (201, 202, or 503); this is the net under them: whatever is
 * still unanswered a moment after the deadline gets a 503 with Retry-After,
 * never a hang. What it was waiting for carries on, and the same request
 * (same uniqueId or Idempotency-Key) later finds its outcome.
 */
export function deadline(deadlineMs: number, retryAfterSeconds: number, metrics: Metrics): RequestHandler {
  return (_req, res, next) => {
    res.locals.deadline = Date.now() + deadlineMs;
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      metrics.shed.inc({ reason: 'deadline' });
      res.locals.log?.warn({ deadlineMs }, 'no answer within the deadline');
      sendError(res, 503, { code: 'dependency_unavailable', message: 'No answer within the deadline; retry the same request (same uniqueId or Idempotency-Key) for its outcome' }, retryAfterSeconds);
    }, deadlineMs + 100);
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}

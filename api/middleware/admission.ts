import type { RequestHandler } from 'express';
import type { Capacity } from '../../config/capacity';
import type { Metrics } from '../metrics';
import { sendError } from './errors';

/** Probes and docs are never queued: an overloaded hub must still say how it is. */
const EXEMPT = /^\/(healthz|readyz|metrics|docs|openapi\.json)(\/|$)/;

/**
 * The one place work queues. At most `inFlight` requests are inside the hub;
 * up to `queued` more wait, first come first served, for at most `maxWaitMs`;
 * anything beyond is answered at once with 503 `overloaded` and Retry-After.
 * Past the door every request has its database connection and worker slot
 * waiting for it (config/capacity.ts), so overload shows up here — quickly,
 * as a clear answer — and never as pool timeouts or piled-up retries.
 */
export function admission(limits: Capacity['admission'], metrics: Metrics, retryAfterSeconds: number): RequestHandler {
  // Answered here, in the one error format, without building an Error per shed request: under a flood that is most requests.
  const shed = (res: Parameters<RequestHandler>[1], reason: 'queue_full' | 'queue_wait') => {
    metrics.shed.inc({ reason });
    sendError(res, 503, { code: 'overloaded', message: 'The hub is at capacity; retry shortly' }, retryAfterSeconds);
  };
  let active = 0;
  const waiting: Array<() => void> = [];
  const admitNext = () => {
    const next = waiting.shift();
    if (next) next();
  };
  return (req, res, next) => {
    if (EXEMPT.test(req.path)) return next();
    const enter = () => {
      active += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        active -= 1;
        admitNext();
      };
      res.once('finish', release);
      res.once('close', release);
      next();
    };
    if (active < limits.inFlight && waiting.length === 0) return enter();
    if (waiting.length >= limits.queued) return shed(res, 'queue_full');
    const turn = () => {
      clearTimeout(timer);
      res.off('close', leave);
      enter();
    };
    const leave = () => {
      clearTimeout(timer);
      const at = waiting.indexOf(turn);
      if (at >= 0) waiting.splice(at, 1);
    };
    const timer = setTimeout(() => {
      leave();
      res.off('close', leave);
      shed(res, 'queue_wait');
    }, limits.maxWaitMs);
    // A caller that gave up stops waiting too.
    res.once('close', leave);
    waiting.push(turn);
  };
}

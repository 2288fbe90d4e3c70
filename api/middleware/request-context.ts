import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics';
import type { RouteTable } from '../route-table';

const SAFE_REQUEST_ID = /^[\w.-]{1,128}$/;

/**
 * Request id (the caller's X-Request-Id when sane, else a new one) on every
 * response and log line; one access log line and one latency sample per request.
 */
export function requestContext(logger: Logger, metrics: Metrics, routes?: RouteTable): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.locals.log = logger.child({ requestId });
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const nanos = process.hrtime.bigint() - started;
      const seconds = Number(nanos) / 1e9;
      // The route template, never the raw URL: ids in paths would explode label cardinality.
      const route = (req.route?.path as string | undefined) ?? routes?.match(req.method, req.path) ?? 'unmatched';
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      res.locals.log.info(
        { method: req.method, route, url: req.originalUrl, status: res.statusCode, ms: Number(nanos / 1_000_000n) },
        'request',
      );
    });
    next();
  };
}

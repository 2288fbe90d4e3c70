import http, { type Server } from 'node:http';
import type { Worker } from '@temporalio/worker';
import type { Registry } from 'prom-client';
import { metricsText } from '../api/metrics';

/**
 * A worker process's own door (`npm run worker`): `/healthz` answers 200
 * while the worker runs (503 once it stops or fails, so an orchestrator
 * restarts it), `/metrics` serves the hub's metrics of this process and the
 * Temporal SDK's. Nothing else is served: the API is another process.
 */
export function workerHttp(opts: { worker: Worker; registry: Registry; sdk: () => Promise<string>; port: number }): Promise<Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const state = opts.worker.getState();
      res.writeHead(state === 'RUNNING' ? 200 : 503, { 'content-type': 'application/json', ...(state === 'RUNNING' ? {} : { 'retry-after': '1' }) });
      res.end(JSON.stringify({ status: state === 'RUNNING' ? 'ok' : 'unavailable', worker: state }));
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      void metricsText(opts.registry, opts.sdk).then(
        (text) => {
          res.writeHead(200, { 'content-type': opts.registry.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
          res.end(JSON.stringify({ error: { code: 'dependency_unavailable', message: 'metrics could not be read' } }));
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'not_found', message: 'A worker serves GET /healthz and GET /metrics only' } }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, () => resolve(server));
  });
}

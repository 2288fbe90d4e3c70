import express, { Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { DependencyUnavailableError } from '../../domain/errors';
import { ok, type Handlers } from '../endpoints/endpoint';
import type { platformEndpoints } from '../endpoints/platform';
import { metricsText, type Metrics } from '../metrics';
import { buildOpenApiDocument } from '../openapi/document';
import type { HealthChecks } from '../ports';

const CHECK_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<void>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return null;
  } catch (err) {
    return (err as Error)?.message?.split('\n')[0] ?? String(err);
  } finally {
    clearTimeout(timer);
  }
}

const docsPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>loyalty-hub API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });</script>
</body></html>`;

/** Swagger UI's files, served from node_modules (no CDN needed). */
export const docsAssets = () => Router().use('/docs/assets', express.static(getAbsoluteFSPath(), { index: false, maxAge: '1h' }));

export function platformHandlers(checks: HealthChecks, metrics: Metrics): Handlers<typeof platformEndpoints> {
  const document = buildOpenApiDocument();
  return {
    /** Liveness: the process answers. Never touches dependencies, so a DB outage does not restart pods. */
    getLiveness: () => ok({ status: 'ok' }),

    /** Readiness: PostgreSQL and Temporal both answer; 503 names the ones that do not. */
    async getReadiness() {
      const [postgres, temporal] = await Promise.all([probe(checks.postgres), probe(checks.temporal)]);
      const down = Object.entries({ postgres, temporal }).filter(([, error]) => error !== null);
      if (down.length > 0) {
        throw new DependencyUnavailableError(
          `Not ready: ${down.map(([name]) => name).join(', ')} unavailable`,
          down.map(([name, error]) => ({ path: name, message: error as string, dependency: name, status: 'down' })),
        );
      }
      return ok({ status: 'ready', checks: { postgres: 'up', temporal: 'up' } });
    },

    async getMetrics({ res }) {
      res.type(metrics.registry.contentType).send(await metricsText(metrics.registry, metrics.sdk));
    },
    getOpenApiDocument: () => ok(document),
    getApiDocs({ res }) {
      res.type('html').send(docsPage);
    },
  };
}

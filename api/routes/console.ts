import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { NotFoundError } from '../../domain/errors';
import type { CustomerRepository } from '../../domain/ports';
import type { consoleEndpoints } from '../endpoints/console';
import { ok, type Handlers } from '../endpoints/endpoint';
import { schemeOf } from '../middleware/auth';
import type { AppDeps, CustomerWorkflowList } from '../ports';

/** Built by `npm run build:console` (scripts/build-console.ts) from console/src. */
export const consoleDist = path.resolve(__dirname, '../../console/dist');

export function consoleHandlers(deps: { customers: CustomerRepository; workflows: CustomerWorkflowList; settings: AppDeps['console'] }): Handlers<typeof consoleEndpoints> {
  return {
    getConsoleSettings: () => ok(deps.settings ?? { temporalUiUrl: null, namespace: 'default' }),
    async listCustomerWorkflows({ params: { id }, query, res }) {
      const schemeId = schemeOf(res.locals);
      if (!(await deps.customers.findById(schemeId, id))) throw new NotFoundError('Customer');
      return ok(await deps.workflows.recent(schemeId, id, query));
    },
  };
}

// The console's own code only: no inline script or style, no other origin, no framing.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The admin console: one page (`/console`, every deep link under it too) and
 * its bundle. The page holds no data; it signs in with the admin token and
 * calls the API like any client.
 */
export function consoleAssets(): Router {
  const router = Router();
  router.use('/console', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use('/console/assets', express.static(path.join(consoleDist, 'assets'), { index: false, maxAge: '1h' }));
  router.use('/console', (req, res, next) => {
    // A missing asset is a 404 (the error format), not the page.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/assets/')) return next();
    const page = path.join(consoleDist, 'index.html');
    if (!existsSync(page)) {
      res.status(503).type('text').setHeader('Retry-After', '60').send('The console is not built: run npm run build:console (npm start and npm test do it first).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(page);
  });
  return router;
}

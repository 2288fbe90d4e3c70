import express, { type Express } from 'express';
import './context';
import { errorHandler, notFound } from './middleware/errors';
import { requestContext } from './middleware/request-context';
import type { AppDeps } from './ports';
import { customersRouter } from './routes/customers';
import { docsRouter } from './routes/docs';
import { healthRouter } from './routes/health';
import { schemesRouter } from './routes/schemes';

/** Builds the Express app from its dependencies. Never listens: the caller decides where. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  app.use(requestContext(deps.logger, deps.metrics));
  app.use(express.json({ limit: deps.bodyLimit ?? '100kb', strict: true }));

  app.use(healthRouter(deps.health));
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.use(docsRouter());
  app.use(schemesRouter(deps.repos, deps.adminToken));
  app.use(
    customersRouter({
      apiKeys: deps.repos.apiKeys,
      customers: deps.repos.customers,
      workflows: deps.workflows.customers,
    }),
  );

  app.use(notFound);
  app.use(errorHandler);
  return app;
}

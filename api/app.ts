import express, { Router, type Express } from 'express';
import './context';
import { errorHandler, notFound } from './middleware/errors';
import { requestContext } from './middleware/request-context';
import type { AppDeps } from './ports';
import { customerHandlers } from './routes/customers';
import { customerEndpoints } from './endpoints/customers';
import { mount, type Guards } from './endpoints/mount';
import { docsRouter } from './routes/docs';
import { healthRouter } from './routes/health';
import { schemesRouter } from './routes/schemes';
import { ledgerOperationsRouter } from './routes/ledger-operations';
import { ledgersRouter } from './routes/ledgers';
import { requireAdmin, requireSchemeKey, requireSchemeOrAdmin } from './middleware/auth';
import { outletsAndRulesRouter } from './routes/outlets-and-rules';
import { transactionsRouter } from './routes/transactions';
import { giftCardsRouter } from './routes/gift-cards';
import { couponsRouter } from './routes/coupons';
import { holdsRouter } from './routes/holds';
import { returnsRouter } from './routes/returns';
import { connectionsRouter } from './routes/connections';
import { keepRawBody, webhooksRouter } from './routes/webhooks';
import { IdParam } from './schemas/common';
import { referralProgramsRouter } from './routes/referral-programs';
import { missionsRouter } from './routes/missions';
import { loyaltyEventsRouter } from './routes/loyalty-events';
import { parse } from './validation';
import { deadline } from './middleware/deadline';
import { jsonBodiesOnly, noNulCharacters } from './middleware/input-hygiene';
import { admission } from './middleware/admission';
import { codecRouter } from './routes/codec';
import { capacityFor } from '../config/capacity';

const defaultCapacity = capacityFor(16, 5000);
const defaultLimits = { deadlineMs: 5000, retryAfterSeconds: defaultCapacity.retryAfterSeconds, admission: defaultCapacity.admission };

/** Builds the Express app from its dependencies. Never listens: the caller decides where. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  const limits = deps.limits ?? defaultLimits;
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(deadline(limits.deadlineMs, limits.retryAfterSeconds, deps.metrics));
  app.use(admission(limits.admission, deps.metrics, limits.retryAfterSeconds));
  app.use(jsonBodiesOnly);
  app.use(express.json({ limit: deps.bodyLimit ?? '100kb', strict: true, verify: keepRawBody }));
  app.use(noNulCharacters);

  app.use(healthRouter(deps.health));
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  // The till's routes first: every request walks the routers in order, and these are most of the traffic.
  const posKey = requireSchemeKey(deps.repos.apiKeys);
  app.use(transactionsRouter(posKey, deps.repos.sales, deps.repos.returns, deps.workflows.sales));
  app.use(holdsRouter(posKey, deps.workflows.holds));
  app.use(returnsRouter(posKey, deps.repos.returnStore, deps.workflows.returns));
  app.use(docsRouter());
  app.use(schemesRouter(deps.repos, deps.adminToken));
  const schemeOrAdmin = requireSchemeOrAdmin(deps.repos.apiKeys, deps.repos.schemes, deps.adminToken);
  const admin = requireAdmin(deps.adminToken);
  const guards: Guards = { key: [posKey], keyOrOps: [schemeOrAdmin], ops: [admin, schemeOrAdmin], admin: [admin], signature: [], public: [] };
  app.use(mount(Router(), guards, customerEndpoints, customerHandlers({ customers: deps.repos.customers, ledgers: deps.repos.ledgers, workflows: deps.workflows.customers, referrals: deps.repos.referrals, referralWorkflows: deps.workflows.referrals })));
  app.use(ledgersRouter(schemeOrAdmin, deps.repos.ledgers, deps.repos.ledger));
  app.use(ledgerOperationsRouter(schemeOrAdmin, deps.repos.ledgers, deps.workflows.ledger));
  app.use(outletsAndRulesRouter(schemeOrAdmin, requireAdmin(deps.adminToken), deps.repos.schemes, deps.repos.outlets, deps.repos.pointRules));
  app.use(giftCardsRouter(schemeOrAdmin, deps.repos.giftCards, deps.repos.sales));
  app.use(couponsRouter(schemeOrAdmin, deps.repos.coupons));
  app.use(webhooksRouter([requireAdmin(deps.adminToken), schemeOrAdmin], deps.repos.webhooks, deps.workflows.webhooks));
  app.use(connectionsRouter([requireAdmin(deps.adminToken), schemeOrAdmin], deps.repos.connections, deps.repos.sync, deps.workflows.sync, { runs: deps.repos.reconciliations, workflows: deps.workflows.reconciliations }));
  app.use(referralProgramsRouter([requireAdmin(deps.adminToken), schemeOrAdmin], schemeOrAdmin, deps.repos.referrals));
  app.use(missionsRouter([requireAdmin(deps.adminToken), schemeOrAdmin], deps.repos.missions));
  app.use(loyaltyEventsRouter(requireSchemeKey(deps.repos.apiKeys), { customers: deps.repos.customers, missions: deps.repos.missions, hubEvents: deps.repos.hubEvents, workflows: deps.workflows.events }));
  app.get('/v1/ledger/verify', requireAdmin(deps.adminToken), async (req, res) => {
    const schemeId = typeof req.query.schemeId === 'string' ? parse(IdParam, { id: req.query.schemeId }, 'query').id : null;
    const violations = await deps.verifyLedger(schemeId);
    res.json({ ok: violations.length === 0, violations });
  });

  if (deps.codec) app.use(codecRouter(deps.codec, deps.adminToken));

  app.use(notFound);
  app.use(errorHandler({ classify: deps.classify, retryAfterSeconds: limits.retryAfterSeconds }));
  return app;
}

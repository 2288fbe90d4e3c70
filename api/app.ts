import express, { Router, type Express } from 'express';
import './context';
import { errorHandler, notFound } from './middleware/errors';
import { requestContext } from './middleware/request-context';
import type { AppDeps } from './ports';
import { customerHandlers } from './routes/customers';
import { schemeHandlers } from './routes/schemes';
import { schemeEndpoints } from './endpoints/schemes';
import { catalogHandlers } from './routes/catalog';
import { catalogEndpoints } from './endpoints/catalog';
import { customerEndpoints } from './endpoints/customers';
import { mount, type Guards } from './endpoints/mount';
import { docsAssets, platformHandlers } from './routes/platform';
import { platformEndpoints } from './endpoints/platform';
import { ledgerOperationHandlers } from './routes/ledger-operations';
import { ledgerOperationEndpoints } from './endpoints/ledger-operations';
import { ledgerHandlers } from './routes/ledgers';
import { ledgerEndpoints } from './endpoints/ledgers';
import { requireAdmin, requireSchemeKey, requireSchemeOrAdmin } from './middleware/auth';
import { saleHandlers } from './routes/sales';
import { saleEndpoints } from './endpoints/sales';
import { holdHandlers } from './routes/holds';
import { holdEndpoints } from './endpoints/holds';
import { returnHandlers } from './routes/returns';
import { returnEndpoints } from './endpoints/returns';
import { connectionHandlers } from './routes/connections';
import { connectionEndpoints } from './endpoints/connections';
import { webhookHandlers } from './routes/webhooks';
import { webhookEndpoints } from './endpoints/webhooks';
import { keepRawBody, requireWebhookSignature } from './middleware/webhook-signature';
import { referralProgramHandlers } from './routes/referral-programs';
import { tierHandlers } from './routes/tiers';
import { tierEndpoints } from './endpoints/tiers';
import { referralProgramEndpoints } from './endpoints/referral-programs';
import { missionHandlers } from './routes/missions';
import { missionEndpoints } from './endpoints/missions';
import { hubEventHandlers } from './routes/hub-events';
import { hubEventEndpoints } from './endpoints/hub-events';
import { deadline } from './middleware/deadline';
import { jsonBodiesOnly, noNulCharacters } from './middleware/input-hygiene';
import { admission } from './middleware/admission';
import { codecRouter } from './routes/codec';
import { capacityFor } from '../config/capacity';
import { metered } from './temporal/metered';
import { RouteTable } from './route-table';
import { consoleEndpoints } from './endpoints/console';
import { consoleAssets, consoleHandlers } from './routes/console';

const defaultCapacity = capacityFor(16, 5000);
const defaultLimits = { deadlineMs: 5000, retryAfterSeconds: defaultCapacity.retryAfterSeconds, admission: defaultCapacity.admission };

/** Builds the Express app from its dependencies. Never listens: the caller decides where. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  const limits = deps.limits ?? defaultLimits;
  const routes = new RouteTable();
  app.use(requestContext(deps.logger, deps.metrics, routes));
  app.use(deadline(limits.deadlineMs, limits.retryAfterSeconds, deps.metrics));
  app.use(admission(limits.admission, deps.metrics, limits.retryAfterSeconds));
  app.use(jsonBodiesOnly);
  app.use(express.json({ limit: deps.bodyLimit ?? '100kb', strict: true, verify: keepRawBody }));
  app.use(noNulCharacters);

  // The till's routes first: every request walks the routers in order, and these are most of the traffic.
  const posKey = requireSchemeKey(deps.repos.apiKeys);
  const schemeOrAdmin = requireSchemeOrAdmin(deps.repos.apiKeys, deps.repos.schemes, deps.adminToken);
  const admin = requireAdmin(deps.adminToken);
  const business = deps.metrics.business;
  const guards: Guards = { key: [posKey], keyOrOps: [schemeOrAdmin], ops: [admin, schemeOrAdmin], admin: [admin], signature: [requireWebhookSignature(deps.repos.webhooks, business)], public: [] };
  business.readSyncBacklog(() => deps.repos.sync.backlog());
  const till = metered(deps.workflows, business);
  app.use(mount(Router(), guards, platformEndpoints, platformHandlers(deps.health, deps.metrics), routes));
  app.use(mount(Router(), guards, saleEndpoints, saleHandlers(deps.repos.sales, deps.repos.returns, till.sales), routes));
  app.use(mount(Router(), guards, holdEndpoints, holdHandlers(till.holds), routes));
  app.use(mount(Router(), guards, returnEndpoints, returnHandlers(deps.repos.returnStore, till.returns), routes));
  app.use(docsAssets());
  app.use(consoleAssets());
  app.use(mount(Router(), guards, consoleEndpoints, consoleHandlers({ customers: deps.repos.customers, workflows: deps.workflows.customerWorkflows, settings: deps.console }), routes));
  app.use(mount(Router(), guards, schemeEndpoints, schemeHandlers(deps.repos), routes));
  app.use(mount(Router(), guards, customerEndpoints, customerHandlers({ customers: deps.repos.customers, ledgers: deps.repos.ledgers, lots: deps.repos.lots, history: deps.repos.pointsHistory, workflows: deps.workflows.customers, referrals: deps.repos.referrals, referralWorkflows: deps.workflows.referrals }), routes));
  app.use(mount(Router(), guards, ledgerEndpoints, ledgerHandlers({ ledgers: deps.repos.ledgers, ledger: deps.repos.ledger, verifyLedger: (schemeId) => deps.verifyLedger(schemeId), expiry: deps.workflows.expiry, checked: (scheme, n) => business.ledgerChecked(scheme, n) }), routes));
  app.use(mount(Router(), guards, ledgerOperationEndpoints, ledgerOperationHandlers({ ledgers: deps.repos.ledgers, workflows: deps.workflows.ledger }), routes));
  app.use(mount(Router(), guards, catalogEndpoints, catalogHandlers(deps.repos), routes));
  app.use(mount(Router(), guards, webhookEndpoints, webhookHandlers(deps.repos.webhooks, deps.workflows.webhooks, business), routes));
  app.use(mount(Router(), guards, connectionEndpoints, connectionHandlers({ connections: deps.repos.connections, sync: deps.repos.sync, lanes: deps.workflows.sync, reconciliation: { runs: deps.repos.reconciliations, workflows: deps.workflows.reconciliations } }), routes));
  app.use(mount(Router(), guards, referralProgramEndpoints, referralProgramHandlers(deps.repos.referrals), routes));
  app.use(mount(Router(), guards, tierEndpoints, tierHandlers({ tiers: deps.repos.tiers, customers: deps.repos.customers, schedules: deps.workflows.expiry, timers: deps.workflows.tiers }), routes));
  app.use(mount(Router(), guards, missionEndpoints, missionHandlers(deps.repos.missions), routes));
  app.use(mount(Router(), guards, hubEventEndpoints, hubEventHandlers({ customers: deps.repos.customers, missions: deps.repos.missions, hubEvents: deps.repos.hubEvents, workflows: deps.workflows.events }), routes));

  if (deps.codec) app.use(codecRouter(deps.codec, deps.adminToken));

  app.use(notFound);
  app.use(errorHandler({ classify: deps.classify, retryAfterSeconds: limits.retryAfterSeconds }));
  return app;
}

import { Router, type RequestHandler } from 'express';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import type { ConnectionRepository, ConnectionView, SyncLanes, SyncRepository } from '../../domain/partners/sync';
import type { ReconciliationRepository } from '../../domain/partners/reconciliation';
import type { ReconciliationWorkflows } from '../ports';
import { schemeOf } from '../middleware/auth';
import { IdParam } from '../schemas/common';
import { ConnectionBody, ConnectionUpdateBody, ReconcileBody, requiredCredentials, RunParams, SyncQuery } from '../schemas/connections';
import { parse } from '../validation';

/** Partner connections and their sync records: admin only, for the scheme named in X-Scheme. */
export function connectionsRouter(
  admin: RequestHandler[],
  connections: ConnectionRepository,
  sync: SyncRepository,
  lanes: SyncLanes,
  reconciliation: { runs: ReconciliationRepository; workflows: ReconciliationWorkflows },
): Router {
  const router = Router();
  // The connection's reconciliation schedule follows its options (every `reconcileEveryHours`, default 24).
  const schedule = (c: ConnectionView) =>
    reconciliation.workflows.ensureSchedule({
      schemeId: c.schemeId,
      connectionId: c.id,
      autoCorrect: c.options.autoCorrect === true,
      everyHours: typeof c.options.reconcileEveryHours === 'number' && c.options.reconcileEveryHours >= 1 ? c.options.reconcileEveryHours : 24,
      // Loyale's updated customers are pulled (every `pollEveryMinutes`, default 15).
      ...(c.partner === 'loyale' ? { pollEveryMinutes: typeof c.options.pollEveryMinutes === 'number' && c.options.pollEveryMinutes >= 1 ? c.options.pollEveryMinutes : 15 } : {}),
    });

  router.post('/v1/connections', ...admin, async (req, res) => {
    const body = parse(ConnectionBody, req.body, 'body');
    const created = await connections.create(schemeOf(res.locals), body);
    await schedule(created);
    res.status(201).json(created);
  });

  router.get('/v1/connections', ...admin, async (_req, res) => {
    res.json({ data: await connections.list(schemeOf(res.locals)) });
  });

  router.get('/v1/connections/:id', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const found = await connections.get(schemeOf(res.locals), id);
    if (!found) throw new NotFoundError('Connection');
    res.json(found);
  });

  router.put('/v1/connections/:id', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const body = parse(ConnectionUpdateBody, req.body, 'body');
    const schemeId = schemeOf(res.locals);
    const current = await connections.get(schemeId, id);
    if (!current) throw new NotFoundError('Connection');
    if (body.credentials && !requiredCredentials[current.partner].some((set) => set.every((k) => body.credentials?.[k] !== undefined))) {
      throw new ValidationError('missing credentials for this partner', [{ path: 'body.credentials', message: requiredCredentials[current.partner].map((s) => s.join(' + ')).join(' or ') }]);
    }
    const updated = (await connections.update(schemeId, id, body)) as ConnectionView;
    await schedule(updated);
    res.json(updated);
  });

  router.delete('/v1/connections/:id', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    if (!(await connections.remove(schemeOf(res.locals), id))) throw new NotFoundError('Connection');
    await reconciliation.workflows.removeSchedule(id);
    res.status(204).end();
  });

  /** Compares the partner's balances with the hub's now; answers the report when it finishes within 10 s, else 202 and the workflow. */
  router.post('/v1/connections/:id/reconcile', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const { autoCorrect } = parse(ReconcileBody, req.body ?? {}, 'body');
    const schemeId = schemeOf(res.locals);
    const connection = await connections.get(schemeId, id);
    if (!connection) throw new NotFoundError('Connection');
    const result = await reconciliation.workflows.reconcile({ schemeId, connectionId: id, autoCorrect: autoCorrect ?? connection.options.autoCorrect === true }, res.locals);
    if ('workflowId' in result && !('id' in result)) {
      res.status(202).json(result);
      return;
    }
    res.status(201).json(await reconciliation.runs.get(schemeId, id, (result as { id: string }).id));
  });

  router.get('/v1/connections/:id/reconciliations/:runId', ...admin, async (req, res) => {
    const { id, runId } = parse(RunParams, req.params, 'params');
    const run = await reconciliation.runs.get(schemeOf(res.locals), id, runId);
    if (!run) throw new NotFoundError('Reconciliation');
    res.json(run);
  });

  /** A new webhook signing secret, shown this once; the old one stops working at once. */
  router.post('/v1/connections/:id/webhook-secret', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const webhookSecret = await connections.rotateWebhookSecret(schemeOf(res.locals), id);
    if (!webhookSecret) throw new NotFoundError('Connection');
    res.status(201).json({ webhookSecret });
  });

  router.get('/v1/sync', ...admin, async (req, res) => {
    const { limit, cursor, status, connectionId } = parse(SyncQuery, req.query, 'query');
    res.json(await sync.list(schemeOf(res.locals), { limit, cursor, status, connectionId }));
  });

  router.get('/v1/sync/:id', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const found = await sync.get(schemeOf(res.locals), id);
    if (!found) throw new NotFoundError('Sync record');
    res.json(found);
  });

  /** Re-runs a FAILED (or SKIPPED) sync in its lane, under a new workflow id. */
  router.post('/v1/sync/:id/retry', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const schemeId = schemeOf(res.locals);
    const current = await sync.get(schemeId, id);
    if (!current) throw new NotFoundError('Sync record');
    const task = await sync.prepareRetry(schemeId, id);
    if (!task) throw new ConflictError(`The sync is ${current.status}; only FAILED or SKIPPED syncs can be retried`);
    await lanes.enqueue(task);
    res.status(202).json(await sync.get(schemeId, id));
  });

  return router;
}

import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import type { ConnectionRepository, ConnectionView, SyncLanes, SyncRepository } from '../../domain/partners/sync';
import type { ReconciliationRepository } from '../../domain/partners/reconciliation';
import type { connectionEndpoints } from '../endpoints/connections';
import { accepted, created, ok, type Handlers } from '../endpoints/endpoint';
import type { ReconciliationWorkflows } from '../ports';
import { schemeOf } from '../middleware/auth';
import { requiredCredentials } from '../schemas/connections';

export interface ConnectionHandlerDeps {
  connections: ConnectionRepository;
  sync: SyncRepository;
  lanes: SyncLanes;
  reconciliation: { runs: ReconciliationRepository; workflows: ReconciliationWorkflows };
}

/** Partner connections and their sync records, for the scheme named in X-Scheme. */
export function connectionHandlers({ connections, sync, lanes, reconciliation }: ConnectionHandlerDeps): Handlers<typeof connectionEndpoints> {
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

  return {
    async createConnection({ body, res }) {
      const connection = await connections.create(schemeOf(res.locals), body);
      await schedule(connection);
      return created(connection);
    },

    async listConnections({ query, res }) {
      return ok(await connections.list(schemeOf(res.locals), query));
    },

    async getConnection({ params: { id }, res }) {
      const found = await connections.get(schemeOf(res.locals), id);
      if (!found) throw new NotFoundError('Connection');
      return ok(found);
    },

    async updateConnection({ params: { id }, body, res }) {
      const schemeId = schemeOf(res.locals);
      const current = await connections.get(schemeId, id);
      if (!current) throw new NotFoundError('Connection');
      if (body.credentials && !requiredCredentials[current.partner].some((set) => set.every((k) => body.credentials?.[k] !== undefined))) {
        throw new ValidationError('missing credentials for this partner', [{ path: 'body.credentials', message: requiredCredentials[current.partner].map((s) => s.join(' + ')).join(' or ') }]);
      }
      const updated = (await connections.update(schemeId, id, body)) as ConnectionView;
      await schedule(updated);
      return ok(updated);
    },

    async deleteConnection({ params: { id }, res }) {
      if (!(await connections.remove(schemeOf(res.locals), id))) throw new NotFoundError('Connection');
      await reconciliation.workflows.removeSchedule(id);
      res.status(204).end();
    },

    /** A new webhook signing secret, shown this once; the old one stops working at once. */
    async rotateWebhookSecret({ params: { id }, res }) {
      const webhookSecret = await connections.rotateWebhookSecret(schemeOf(res.locals), id);
      if (!webhookSecret) throw new NotFoundError('Connection');
      return created({ webhookSecret });
    },

    /** Compares the partner's balances with the hub's now; answers the report when it finishes within 10 s, else 202 and the workflow. */
    async reconcileConnection({ params: { id }, body: { autoCorrect }, res }) {
      const schemeId = schemeOf(res.locals);
      const connection = await connections.get(schemeId, id);
      if (!connection) throw new NotFoundError('Connection');
      const result = await reconciliation.workflows.reconcile({ schemeId, connectionId: id, autoCorrect: autoCorrect ?? connection.options.autoCorrect === true }, res.locals);
      if ('workflowId' in result && !('id' in result)) return accepted(result);
      return created(await reconciliation.runs.get(schemeId, id, (result as { id: string }).id));
    },

    async getReconciliation({ params: { id, runId }, res }) {
      const run = await reconciliation.runs.get(schemeOf(res.locals), id, runId);
      if (!run) throw new NotFoundError('Reconciliation');
      return ok(run);
    },

    async listSyncRecords({ query: { limit, cursor, status, connectionId }, res }) {
      return ok(await sync.list(schemeOf(res.locals), { limit, cursor, status, connectionId }));
    },

    async getSyncRecord({ params: { id }, res }) {
      const found = await sync.get(schemeOf(res.locals), id);
      if (!found) throw new NotFoundError('Sync record');
      return ok(found);
    },

    /** Re-runs a FAILED (or SKIPPED) sync in its lane, under a new workflow id. */
    async retrySync({ params: { id }, res }) {
      const schemeId = schemeOf(res.locals);
      const current = await sync.get(schemeId, id);
      if (!current) throw new NotFoundError('Sync record');
      const task = await sync.prepareRetry(schemeId, id);
      if (!task) throw new ConflictError(`The sync is ${current.status}; only FAILED or SKIPPED syncs can be retried`);
      await lanes.enqueue(task);
      return accepted(await sync.get(schemeId, id));
    },
  };
}

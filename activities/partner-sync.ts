import { ApplicationFailure, log } from '@temporalio/activity';
import { PartnerError } from '../domain/partners/partner-error';
import type { AdapterConnection, PartnerAdapter, PartnerCustomer, PointsAdjustment, Remember, SyncKind, SyncSteps, SyncResult, SyncedReturn, SyncedSale } from '../domain/partners/ports';
import type { ConnectionRepository, SyncLanes, SyncRepository, SyncStatus, SyncTask } from '../domain/partners/sync';
import { withFailureMapping } from './failures';

export interface PartnerDeps {
  adapterFor(connection: AdapterConnection): PartnerAdapter;
  lanes: SyncLanes;
}

function call(adapter: PartnerAdapter, kind: SyncKind, payload: Record<string, unknown>, link: string | null, remember: Remember, steps: SyncSteps): Promise<SyncResult> {
  switch (kind) {
    case 'customer':
      return adapter.syncCustomer((payload as { customer: PartnerCustomer }).customer, link, remember);
    case 'sale':
      return adapter.syncTransaction(payload as unknown as SyncedSale, link, remember);
    case 'return':
      return adapter.syncReturn(payload as unknown as SyncedReturn, link, remember, steps);
    case 'adjustment':
      return adapter.adjustPoints(payload as unknown as PointsAdjustment, link, remember);
  }
}

export function createPartnerSyncActivities({ sync, connections, partners }: { sync: SyncRepository; connections: ConnectionRepository; partners: PartnerDeps }) {
  return {
    /** Records one sync per subscribed connection (idempotent) and hands each to its (connection, customer) lane. */
    dispatchSync: withFailureMapping(async (input: { schemeId: string; kind: SyncKind; operationKey: string; exceptConnectionId?: string }): Promise<number> => {
      const tasks = await sync.plan(input.schemeId, input.kind, input.operationKey, input.exceptConnectionId);
      for (const task of tasks) await partners.lanes.enqueue(task);
      return tasks.length;
    }),

    /**
     * One attempt at the partner. A finished record is not sent again (a
     * repeated workflow, a duplicate signal). Each failed attempt is written to
     * the record before the failure goes back to Temporal, so ops see attempts
     * and the last error while it is still retrying.
     */
    performSync: async (task: SyncTask): Promise<SyncStatus> => {
      const loaded = await sync.load(task.recordId);
      if (!loaded) return 'SKIPPED';
      const { record, payload } = loaded;
      const done = new Set(loaded.steps);
      const steps: SyncSteps = {
        done: (step) => done.has(step),
        mark: async (step) => {
          done.add(step);
          await sync.markStep(record.id, step);
        },
      };
      if (record.status !== 'PENDING') return record.status;
      const connection = await connections.forAdapter(record.connectionId);
      if (!connection?.enabled) {
        await sync.finish(record.id, 'SKIPPED', { reason: 'the connection is disabled or removed' });
        return 'SKIPPED';
      }
      const adapter = partners.adapterFor(connection);
      try {
        const remember = (externalId: string) => sync.setLink(connection.id, record.customerId, externalId);
        const result = await call(adapter, record.kind, payload, await sync.link(connection.id, record.customerId), remember, steps);
        if (result.status === 'SYNCED' && result.externalId) await sync.setLink(connection.id, record.customerId, result.externalId);
        await sync.recordAttempt(record.id, null);
        await sync.finish(record.id, result.status, result.status === 'SYNCED' ? (result.detail ?? null) : { reason: result.reason });
        log.info('partner sync done', { recordId: record.id, partner: connection.partner, kind: record.kind, status: result.status });
        return result.status;
      } catch (err) {
        if (!(err instanceof PartnerError)) throw err;
        await sync.recordAttempt(record.id, err.message);
        throw ApplicationFailure.create({
          type: err.retryable ? 'partner_unavailable' : 'partner_rejected',
          message: err.message,
          nonRetryable: !err.retryable,
          ...(err.retryAfterMs !== null ? { nextRetryDelay: err.retryAfterMs } : {}),
        });
      }
    },

    /** The hub operations the scheme's enabled connections forward (empty: nothing to dispatch). */
    connectedEvents: withFailureMapping((input: { schemeId: string }) => connections.events(input.schemeId)),

    markSyncFailed: withFailureMapping(async (input: { recordId: string; reason: string }): Promise<void> => {
      await sync.finish(input.recordId, 'FAILED', { reason: input.reason });
    }),
  };
}

export type PartnerSyncActivities = ReturnType<typeof createPartnerSyncActivities>;

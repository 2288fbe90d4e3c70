import { log } from '@temporalio/activity';
import type { CustomerChanges } from '../domain/customer';
import type { CustomerRepository } from '../domain/ports';
import type { ConnectionRepository, SyncRepository } from '../domain/partners/sync';
import type { WebhookRepository } from '../domain/partners/webhooks';
import type { PartnerDeps } from './partner-sync';
import { withFailureMapping } from './failures';

export interface PulledChange {
  customerId: string;
  changes: CustomerChanges;
  /** The partner's id and change time: names the hub update it becomes. */
  key: string;
}

export function createPartnerPollActivities(deps: { connections: ConnectionRepository; customers: CustomerRepository; webhooks: WebhookRepository; sync: SyncRepository; partners: PartnerDeps }) {
  return {
    /**
     * The partner's customer changes since the connection's cursor, matched to
     * hub customers by link or barcode (a barcode match is linked for next time).
     * Unknown customers are counted, not created: customers register at the hub.
     */
    pullCustomerUpdates: withFailureMapping(async ({ schemeId, connectionId }: { schemeId: string; connectionId: string }) => {
      const connection = await deps.connections.forAdapter(connectionId);
      const adapter = connection?.enabled ? deps.partners.adapterFor(connection) : null;
      if (!adapter?.updatedCustomers) return { changes: [] as PulledChange[], cursor: null, unknown: 0 };
      const since = (await deps.connections.pollCursor(connectionId)) ?? new Date(0).toISOString();
      const updates = await adapter.updatedCustomers(since);
      const changes: PulledChange[] = [];
      let unknown = 0;
      for (const u of updates) {
        let customerId = await deps.webhooks.linkedCustomer(connectionId, u.externalId);
        if (!customerId && u.barcode) {
          customerId = (await deps.customers.list(schemeId, { barcode: u.barcode }, { limit: 1 })).data[0]?.id ?? null;
          if (customerId) await deps.sync.setLink(connectionId, customerId, u.externalId);
        }
        if (!customerId || Object.keys(u.changes).length === 0) {
          unknown += customerId ? 0 : 1;
          continue;
        }
        changes.push({ customerId, changes: u.changes, key: `${u.externalId}@${u.updatedAt}` });
      }
      const cursor = updates.reduce<string | null>((max, u) => (max === null || u.updatedAt > max ? u.updatedAt : max), null);
      log.info('partner customers pulled', { connectionId, updates: updates.length, unknown });
      return { changes, cursor, unknown };
    }),

    savePollCursor: withFailureMapping((input: { connectionId: string; cursor: string }) => deps.connections.savePollCursor(input.connectionId, input.cursor)),
  };
}

export type PartnerPollActivities = ReturnType<typeof createPartnerPollActivities>;

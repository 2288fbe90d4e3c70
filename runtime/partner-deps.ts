import type { Client } from '@temporalio/client';
import type { PartnerDeps } from '../activities/partner-sync';
import { createAdapter } from '../adapters';
import { temporalSyncLanes } from '../api/temporal/sync-lanes';

/** What the partner-sync activities are given: adapters by connection, and the lanes to queue syncs on. */
export function partnerDeps(client: Client, taskQueue: string, opts: { timeoutMs?: number } = {}): PartnerDeps {
  return { adapterFor: (connection) => createAdapter(connection, opts), lanes: temporalSyncLanes(client, taskQueue) };
}

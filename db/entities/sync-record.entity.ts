import { EntitySchema } from '@mikro-orm/core';
import { ConnectionEntity } from './connection.entity';
import { schemeRef } from './scheme-ref';

/**
 * One hub operation to forward to one connection. Unique per (connection,
 * kind, operation): a retried dispatch never creates a second sync.
 */
export class SyncRecordEntity {
  id!: string;
  schemeId!: string;
  connectionId!: string;
  kind!: 'customer' | 'sale' | 'return' | 'adjustment';
  operationKey!: string;
  customerId!: string;
  status: 'PENDING' | 'SYNCED' | 'SKIPPED' | 'FAILED' = 'PENDING';
  attempts = 0;
  retries = 0;
  lastError: string | null = null;
  detail: Record<string, unknown> | null = null;
  payload!: Record<string, unknown>;
  /** Calls of a multi-call sync that reached the partner (see SyncSteps). */
  steps: string[] = [];
  workflowId!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const SyncRecordSchema = new EntitySchema<SyncRecordEntity>({
  class: SyncRecordEntity,
  tableName: 'sync_records',
  uniques: [{ name: 'sync_records_operation_unique', properties: ['connectionId', 'kind', 'operationKey'] }],
  indexes: [
    { name: 'sync_records_scheme_status_index', properties: ['schemeId', 'status', 'createdAt'] },
    { name: 'sync_records_connection_customer_index', properties: ['connectionId', 'customerId', 'createdAt'] },
    // The backlog gauge (/metrics) counts open records at every scrape: only those are indexed, however many have synced.
    { name: 'sync_records_open_index', expression: `create index "sync_records_open_index" on "sync_records" ("connection_id", "status") where status in ('PENDING', 'FAILED')` },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    connectionId: { kind: 'm:1', entity: () => ConnectionEntity, mapToPk: true, fieldName: 'connection_id', deleteRule: 'cascade' },
    kind: { type: 'string', length: 20 },
    operationKey: { type: 'string', length: 200 },
    customerId: { type: 'uuid' },
    status: { type: 'string', length: 10, default: 'PENDING' },
    attempts: { type: 'integer', default: 0 },
    retries: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true },
    detail: { type: 'json', nullable: true },
    payload: { type: 'json' },
    steps: { type: 'json', default: '[]' },
    workflowId: { type: 'string', length: 400 },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

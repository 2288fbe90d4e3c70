import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { ConnectionEntity } from './connection.entity';
import { schemeRef } from './scheme-ref';

/** One comparison of a connection's balances with the hub's; its items are the per-customer findings. */
export class ReconciliationRunEntity {
  id!: string;
  schemeId!: string;
  connectionId!: string;
  workflowId!: string;
  autoCorrect = false;
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' = 'RUNNING';
  summary: Record<string, number> = {};
  startedAt: Date = new Date();
  finishedAt: Date | null = null;
}

export const ReconciliationRunSchema = new EntitySchema<ReconciliationRunEntity>({
  class: ReconciliationRunEntity,
  tableName: 'reconciliation_runs',
  uniques: [{ name: 'reconciliation_runs_workflow_id_unique', properties: ['workflowId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    connectionId: { kind: 'm:1', entity: () => ConnectionEntity, mapToPk: true, fieldName: 'connection_id', deleteRule: 'cascade' },
    workflowId: { type: 'string', length: 400 },
    autoCorrect: { type: 'boolean', default: false },
    status: { type: 'string', length: 10, default: 'RUNNING' },
    summary: { type: 'json', default: '{}' },
    startedAt: { type: 'datetime', length: 6 },
    finishedAt: { type: 'datetime', length: 6, nullable: true },
  },
});

export class ReconciliationItemEntity {
  runId!: string;
  customerId!: string;
  externalId: string | null = null;
  hubBalance!: string;
  partnerBalance: string | null = null;
  outcome!: 'MATCHED' | 'DRIFTED' | 'MISSING_ON_PARTNER';
  corrected = false;
}

export const ReconciliationItemSchema = new EntitySchema<ReconciliationItemEntity>({
  class: ReconciliationItemEntity,
  tableName: 'reconciliation_items',
  properties: {
    runId: { kind: 'm:1', entity: () => ReconciliationRunEntity, mapToPk: true, fieldName: 'run_id', primary: true, deleteRule: 'cascade' },
    customerId: { type: 'uuid', primary: true },
    externalId: { type: 'string', length: 200, nullable: true },
    hubBalance: { type: new BigIntType('string') },
    partnerBalance: { type: new BigIntType('string'), nullable: true },
    outcome: { type: 'string', length: 20 },
    corrected: { type: 'boolean', default: false },
  },
});

import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor, type Page } from '../../domain/pagination';
import type { Partner, SyncKind } from '../../domain/partners/ports';
import type { SyncBacklog, SyncRecordView, SyncRepository, SyncStatus, SyncTask } from '../../domain/partners/sync';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { payloadFor } from '../sync/payloads';
import { invalidCursor } from './keyset-page';

interface Row {
  id: string;
  scheme_id: string;
  connection_id: string;
  partner: Partner;
  kind: SyncKind;
  operation_key: string;
  customer_id: string;
  status: SyncStatus;
  attempts: number;
  retries: number;
  last_error: string | null;
  detail: Record<string, unknown> | null;
  payload: Record<string, unknown>;
  steps: string[];
  workflow_id: string;
  retry_horizon_seconds: number;
  created_at: Date;
  updated_at: Date;
}

const toView = (r: Row): SyncRecordView => ({
  id: r.id,
  schemeId: r.scheme_id,
  connectionId: r.connection_id,
  partner: r.partner,
  kind: r.kind,
  operationKey: r.operation_key,
  customerId: r.customer_id,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  detail: r.detail,
  workflowId: r.workflow_id,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const toTask = (r: Row): SyncTask => ({ recordId: r.id, schemeId: r.scheme_id, connectionId: r.connection_id, customerId: r.customer_id, workflowId: r.workflow_id, retryHorizonSeconds: r.retry_horizon_seconds });

/** Readable in the Temporal UI next to the operation it forwards. */
export const syncWorkflowId = (connectionId: string, kind: SyncKind, key: string, retry: number) =>
  `sync/${connectionId}/${kind}/${key}${retry > 0 ? `/retry-${retry}` : ''}`;

const SELECT = `select r.*, c.partner, c.retry_horizon_seconds from sync_records r join connections c on c.id = r.connection_id`;

export class MikroSyncRepository implements SyncRepository {
  constructor(private readonly orm: Orm) {}

  private q() {
    return queryIn(this.orm.em.fork());
  }

  async plan(schemeId: string, kind: SyncKind, operationKey: string, exceptConnectionId?: string): Promise<SyncTask[]> {
    const q = this.q();
    const connections = await q<{ id: string }>(
      `select id from connections where scheme_id = ? and enabled and deleted_at is null and events @> ?::jsonb and id <> ?::uuid order by id`,
      [schemeId, JSON.stringify([kind]), exceptConnectionId ?? '00000000-0000-0000-0000-000000000000'],
    );
    if (connections.length === 0) return [];
    const { customerId, payload } = await payloadFor(q, schemeId, kind, operationKey);
    for (const c of connections) {
      // The unique (connection, kind, operation) makes a repeated dispatch a no-op.
      await q(
        `insert into sync_records (id, scheme_id, connection_id, kind, operation_key, customer_id, status, attempts, retries, payload, workflow_id, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, 'PENDING', 0, 0, ?::jsonb, ?, now(), now()) on conflict (connection_id, kind, operation_key) do nothing`,
        [randomUUID(), schemeId, c.id, kind, operationKey, customerId, JSON.stringify(payload), syncWorkflowId(c.id, kind, operationKey, 0)],
      );
    }
    const rows = await q<Row>(`${SELECT} where r.scheme_id = ? and r.kind = ? and r.operation_key = ? and r.status = 'PENDING' order by r.connection_id`, [schemeId, kind, operationKey]);
    return rows.map(toTask);
  }

  async load(recordId: string) {
    const [row] = await this.q()<Row>(`${SELECT} where r.id = ?`, [recordId]);
    return row ? { record: toView(row), payload: row.payload, steps: row.steps ?? [] } : null;
  }

  async markStep(recordId: string, step: string): Promise<void> {
    await this.q()('update sync_records set steps = steps || ?::jsonb, updated_at = now() where id = ?', [JSON.stringify([step]), recordId]);
  }

  async recordAttempt(recordId: string, error: string | null): Promise<void> {
    await this.q()('update sync_records set attempts = attempts + 1, last_error = coalesce(?, last_error), updated_at = now() where id = ?', [error, recordId]);
  }

  async finish(recordId: string, status: Exclude<SyncStatus, 'PENDING'>, detail: Record<string, unknown> | null, error: string | null = null): Promise<void> {
    await this.q()(`update sync_records set status = ?, detail = ?::jsonb, last_error = coalesce(?, last_error), updated_at = now() where id = ?`, [
      status,
      detail ? JSON.stringify(detail) : null,
      error,
      recordId,
    ]);
  }

  async list(schemeId: string, filter: { status?: SyncStatus; connectionId?: string; limit: number; cursor?: string }): Promise<Page<SyncRecordView>> {
    const where = ['r.scheme_id = ?'];
    const params: unknown[] = [schemeId];
    if (filter.status) {
      where.push('r.status = ?');
      params.push(filter.status);
    }
    if (filter.connectionId) {
      where.push('r.connection_id = ?');
      params.push(filter.connectionId);
    }
    if (filter.cursor) {
      const pos = decodeCursor(filter.cursor);
      if (!pos) throw invalidCursor();
      where.push('(r.created_at, r.id) < (?::timestamptz, ?::uuid)');
      params.push(pos.createdAt, pos.id);
    }
    const rows = await this.q()<Row>(`${SELECT} where ${where.join(' and ')} order by r.created_at desc, r.id desc limit ?`, [...params, filter.limit + 1]);
    const page = rows.slice(0, filter.limit).map(toView);
    const last = page[page.length - 1];
    return { data: page, nextCursor: rows.length > filter.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }

  async get(schemeId: string, id: string): Promise<SyncRecordView | null> {
    const [row] = await this.q()<Row>(`${SELECT} where r.scheme_id = ? and r.id = ?`, [schemeId, id]);
    return row ? toView(row) : null;
  }

  async prepareRetry(schemeId: string, id: string): Promise<SyncTask | null> {
    const q = this.q();
    const [row] = await q<Row>(
      // Only a finished sync can be re-run; a PENDING one is still in its lane.
      `update sync_records set status = 'PENDING', retries = retries + 1, attempts = 0, updated_at = now()
        where scheme_id = ? and id = ? and status in ('FAILED', 'SKIPPED') returning id`,
      [schemeId, id],
    );
    if (!row) return null;
    const [fresh] = await q<Row>(`${SELECT} where r.id = ?`, [id]);
    const r = fresh as Row;
    await q('update sync_records set workflow_id = ? where id = ?', [syncWorkflowId(r.connection_id, r.kind, r.operation_key, r.retries), id]);
    return { ...toTask(r), workflowId: syncWorkflowId(r.connection_id, r.kind, r.operation_key, r.retries) };
  }

  async backlog(): Promise<SyncBacklog[]> {
    const rows = await this.q()<{ partner: string; status: SyncBacklog['status']; count: string }>(
      `select c.partner, r.status, count(*) as count from sync_records r join connections c on c.id = r.connection_id and c.deleted_at is null
        where r.status in ('PENDING', 'FAILED') group by c.partner, r.status`,
    );
    return rows.map((r) => ({ partner: r.partner, status: r.status, count: Number(r.count) }));
  }

  async link(connectionId: string, customerId: string): Promise<string | null> {
    const [row] = await this.q()<{ external_id: string }>('select external_id from partner_links where connection_id = ? and customer_id = ?', [connectionId, customerId]);
    return row?.external_id ?? null;
  }

  async setLink(connectionId: string, customerId: string, externalId: string): Promise<void> {
    await this.q()(
      `insert into partner_links (connection_id, customer_id, external_id, created_at) values (?, ?, ?, now())
       on conflict (connection_id, customer_id) do update set external_id = excluded.external_id`,
      [connectionId, customerId, externalId],
    );
  }
}

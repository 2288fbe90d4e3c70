import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor, type Page } from '../../domain/pagination';
import type { Partner, SyncKind } from '../../domain/partners/ports';
import type { WebhookEventStatus, WebhookEventType } from '../../domain/partners/webhook-events';
import type { WebhookEnvelope, WebhookEventView, WebhookRepository, WebhookTarget } from '../../domain/partners/webhooks';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import type { Sealer } from '../secrets/sealer';
import { invalidCursor } from './keyset-page';

interface Row {
  id: string;
  scheme_id: string;
  connection_id: string;
  event_id: string;
  type: WebhookEventType;
  occurred_at: Date;
  data: Record<string, unknown>;
  status: WebhookEventStatus;
  outcome: Record<string, unknown> | null;
  workflow_id: string;
  received_at: Date;
  updated_at: Date;
}

const toView = (r: Row): WebhookEventView => ({
  id: r.id,
  schemeId: r.scheme_id,
  connectionId: r.connection_id,
  eventId: r.event_id,
  type: r.type,
  occurredAt: new Date(r.occurred_at).toISOString(),
  data: r.data,
  status: r.status,
  outcome: r.outcome,
  workflowId: r.workflow_id,
  receivedAt: new Date(r.received_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export const webhookWorkflowId = (connectionId: string, eventId: string) => `webhook/${connectionId}/${eventId}`;

export class MikroWebhookRepository implements WebhookRepository {
  constructor(
    private readonly orm: Orm,
    private readonly sealer: Sealer | null,
  ) {}

  private q() {
    return queryIn(this.orm.em.fork());
  }

  async target(connectionId: string): Promise<WebhookTarget | null> {
    const [c] = await this.q()<{ id: string; scheme_id: string; partner: Partner; webhook_secret_sealed: string | null; enabled: boolean; deleted_at: Date | null; options: Record<string, unknown> }>(
      'select id, scheme_id, partner, webhook_secret_sealed, enabled, deleted_at, options from connections where id = ?',
      [connectionId],
    );
    if (!c) return null;
    return {
      connectionId: c.id,
      schemeId: c.scheme_id,
      partner: c.partner,
      secret: c.webhook_secret_sealed && this.sealer ? this.sealer.open(c.webhook_secret_sealed) : null,
      enabled: c.enabled && c.deleted_at === null,
      options: c.options,
    };
  }

  async record(target: WebhookTarget, e: WebhookEnvelope): Promise<{ event: WebhookEventView; inserted: boolean }> {
    const q = this.q();
    const inserted = await q<Row>(
      `insert into webhook_events (id, scheme_id, connection_id, event_id, type, occurred_at, data, status, workflow_id, received_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, 'RECEIVED', ?, now(), now()) on conflict (connection_id, event_id) do nothing returning *`,
      [randomUUID(), target.schemeId, target.connectionId, e.id, e.type, e.occurredAt, JSON.stringify(e.data), webhookWorkflowId(target.connectionId, e.id)],
    );
    if (inserted[0]) return { event: toView(inserted[0]), inserted: true };
    const [existing] = await q<Row>('select * from webhook_events where connection_id = ? and event_id = ?', [target.connectionId, e.id]);
    return { event: toView(existing as Row), inserted: false };
  }

  async get(id: string): Promise<WebhookEventView | null> {
    const [row] = await this.q()<Row>('select * from webhook_events where id = ?', [id]);
    return row ? toView(row) : null;
  }

  async list(schemeId: string, filter: { status?: WebhookEventStatus; connectionId?: string; limit: number; cursor?: string }): Promise<Page<WebhookEventView>> {
    const where = ['scheme_id = ?'];
    const params: unknown[] = [schemeId];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.connectionId) {
      where.push('connection_id = ?');
      params.push(filter.connectionId);
    }
    if (filter.cursor) {
      const pos = decodeCursor(filter.cursor);
      if (!pos) throw invalidCursor();
      where.push('(received_at, id) < (?::timestamptz, ?::uuid)');
      params.push(pos.createdAt, pos.id);
    }
    const rows = await this.q()<Row>(`select * from webhook_events where ${where.join(' and ')} order by received_at desc, id desc limit ?`, [...params, filter.limit + 1]);
    const page = rows.slice(0, filter.limit).map(toView);
    const last = page[page.length - 1];
    return { data: page, nextCursor: rows.length > filter.limit && last ? encodeCursor({ createdAt: last.receivedAt, id: last.id }) : null };
  }

  async finish(id: string, status: Exclude<WebhookEventStatus, 'RECEIVED'>, outcome: Record<string, unknown>): Promise<void> {
    await this.q()('update webhook_events set status = ?, outcome = ?::jsonb, updated_at = now() where id = ?', [status, JSON.stringify(outcome), id]);
  }

  async linkedCustomer(connectionId: string, externalId: string): Promise<string | null> {
    const [row] = await this.q()<{ customer_id: string }>('select customer_id from partner_links where connection_id = ? and external_id = ?', [connectionId, externalId]);
    return row?.customer_id ?? null;
  }

  async isOwnSync(connectionId: string, kind: SyncKind, operationKey: string): Promise<boolean> {
    const [row] = await this.q()('select 1 from sync_records where connection_id = ? and kind = ? and operation_key = ?', [connectionId, kind, operationKey]);
    return Boolean(row);
  }
}

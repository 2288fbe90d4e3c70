import { randomUUID } from 'node:crypto';
import { quietDelivery, type HubEvent } from '../../domain/events/hub-event';
import { busListening } from '../events/listening';
import type { HubEventFilter, HubEventRepository, HubEventStatus, RecordedHubEvent } from '../../domain/events/ports';
import { IdempotencyKeyReusedError } from '../../domain/errors';
import type { OffsetPage } from '../../domain/ledger/views';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';

interface Row {
  id: string;
  scheme_id: string;
  key: string;
  type: string;
  customer_id: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
  status: HubEventStatus;
  effects: Record<string, unknown> | null;
  source: 'hub' | 'api';
  request_hash: string | null;
  external_id: string | null;
  external_event_date: Date | null;
  tags: string[];
  description: string | null;
  created_at: Date;
}

const toEvent = (r: Row): RecordedHubEvent => ({
  id: r.id,
  schemeId: r.scheme_id,
  key: r.key,
  type: r.type,
  customerId: r.customer_id,
  payload: r.payload,
  occurredAt: new Date(r.occurred_at).toISOString(),
  status: r.status,
  effects: r.effects,
  source: r.source,
  ...(r.source === 'api'
    ? {
        tracked: {
          systemUniqueKey: r.key.replace(/^api\//, ''),
          requestHash: r.request_hash ?? '',
          ...(r.external_id ? { externalId: r.external_id } : {}),
          ...(r.external_event_date ? { externalEventDate: new Date(r.external_event_date).toISOString() } : {}),
          tags: r.tags,
          ...(r.description ? { description: r.description } : {}),
        },
      }
    : {}),
  createdAt: new Date(r.created_at).toISOString(),
});

export class MikroHubEventRepository implements HubEventRepository {
  constructor(private readonly orm: Orm) {}

  async record(event: HubEvent): Promise<RecordedHubEvent> {
    const q = queryIn(this.orm.em.fork());
    const t = event.tracked;
    // The unique (scheme, key) decides: a second emit of the same event finds the first row.
    await q(
      `insert into hub_events (id, scheme_id, key, type, customer_id, payload, occurred_at, status, source, request_hash, external_id, external_event_date, tags, description, created_at)
       values (?, ?, ?, ?, ?, ?::jsonb, ?, 'running', ?, ?, ?, ?, ?::jsonb, ?, now()) on conflict (scheme_id, key) do nothing`,
      [randomUUID(), event.schemeId, event.key, event.type, event.customerId, JSON.stringify(event.payload), event.occurredAt, t ? 'api' : 'hub', t?.requestHash ?? null,
        t?.externalId ?? null, t?.externalEventDate ?? null, JSON.stringify(t?.tags ?? []), t?.description ?? null],
    );
    const [row] = await q<Row>('select * from hub_events where scheme_id = ? and key = ?', [event.schemeId, event.key]);
    if (t && row?.request_hash !== t.requestHash) throw new IdempotencyKeyReusedError();
    return toEvent(row as Row);
  }

  async finish(schemeId: string, key: string, status: HubEventStatus, effects: Record<string, unknown>): Promise<void> {
    await queryIn(this.orm.em.fork())('update hub_events set status = ?, effects = ?::jsonb where scheme_id = ? and key = ?', [status, JSON.stringify(effects), schemeId, key]);
  }

  listening(schemeId: string, customerId: string, eventType: string): Promise<boolean> {
    return busListening(this.orm.em.fork().getConnection(), schemeId, customerId, eventType);
  }

  async journalQuiet(event: HubEvent): Promise<void> {
    await this.record(event);
    await this.finish(event.schemeId, event.key, 'success', quietDelivery);
  }

  async listForCustomer(schemeId: string, customerId: string, f: HubEventFilter): Promise<OffsetPage<RecordedHubEvent>> {
    const q = queryIn(this.orm.em.fork());
    let where = 'scheme_id = ? and customer_id = ?';
    const params: unknown[] = [schemeId, customerId];
    for (const [clause, value] of [['type = ?', f.eventType], ['status = ?', f.status], ['created_at >= ?', f.fromCreatedAt], ['created_at <= ?', f.toCreatedAt]] as const) {
      if (value === undefined) continue;
      where += ` and ${clause}`;
      params.push(value);
    }
    const [count] = await q<{ n: string }>(`select count(*) as n from hub_events where ${where}`, params);
    const rows = await q<Row>(`select * from hub_events where ${where} order by created_at desc, id limit ? offset ?`, [...params, f.limit, f.page * f.limit]);
    return { totalCount: Number(count?.n ?? 0), page: f.page, limit: f.limit, results: rows.map(toEvent) };
  }
}

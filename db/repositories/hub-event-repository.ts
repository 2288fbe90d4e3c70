import { randomUUID } from 'node:crypto';
import type { HubEvent } from '../../domain/events/hub-event';
import type { HubEventRepository, HubEventStatus, RecordedHubEvent } from '../../domain/events/ports';
import type { OffsetPage } from '../../domain/ledger/views';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';

interface Row {
  id: string;
  scheme_id: string;
  key: string;
  type: HubEvent['type'];
  customer_id: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
  status: HubEventStatus;
  effects: Record<string, unknown> | null;
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
  createdAt: new Date(r.created_at).toISOString(),
});

export class MikroHubEventRepository implements HubEventRepository {
  constructor(private readonly orm: Orm) {}

  async record(event: HubEvent): Promise<RecordedHubEvent> {
    const q = queryIn(this.orm.em.fork());
    // The unique (scheme, key) decides: a second emit of the same event finds the first row.
    await q(
      `insert into hub_events (id, scheme_id, key, type, customer_id, payload, occurred_at, status, created_at)
       values (?, ?, ?, ?, ?, ?::jsonb, ?, 'running', now()) on conflict (scheme_id, key) do nothing`,
      [randomUUID(), event.schemeId, event.key, event.type, event.customerId, JSON.stringify(event.payload), event.occurredAt],
    );
    const [row] = await q<Row>('select * from hub_events where scheme_id = ? and key = ?', [event.schemeId, event.key]);
    return toEvent(row as Row);
  }

  async finish(schemeId: string, key: string, status: HubEventStatus, effects: Record<string, unknown>): Promise<void> {
    await queryIn(this.orm.em.fork())('update hub_events set status = ?, effects = ?::jsonb where scheme_id = ? and key = ?', [status, JSON.stringify(effects), schemeId, key]);
  }

  async listForCustomer(schemeId: string, customerId: string, page: { page: number; limit: number }): Promise<OffsetPage<RecordedHubEvent>> {
    const q = queryIn(this.orm.em.fork());
    const [count] = await q<{ n: string }>('select count(*) as n from hub_events where scheme_id = ? and customer_id = ?', [schemeId, customerId]);
    const rows = await q<Row>('select * from hub_events where scheme_id = ? and customer_id = ? order by created_at desc, id limit ? offset ?', [schemeId, customerId, page.limit, page.page * page.limit]);
    return { totalCount: Number(count?.n ?? 0), page: page.page, limit: page.limit, results: rows.map(toEvent) };
  }
}

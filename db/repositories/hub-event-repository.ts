import { quietDelivery, type HubEvent } from '../../domain/events/hub-event';
import { busListening } from '../events/listening';
import { insertHubEvent } from '../events/journal';
import type { HubEventFilter, HubEventRepository, HubEventStatus, RecordedHubEvent } from '../../domain/events/ports';
import { IdempotencyKeyReusedError } from '../../domain/errors';
import type { Page } from '../../domain/pagination';
import { queryIn, type Query } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { byCreation, keysetPage } from './keyset-page';
import type { Doorbell } from '../follow-ups/doorbell';

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
  constructor(
    private readonly orm: Orm,
    private readonly doorbell?: Doorbell,
  ) {}

  /** Outside any transaction: a trigger's deliveries written by the fan-out start at once (the relay rung). */
  private async insert(q: Query, event: HubEvent, status: HubEventStatus, effects: Record<string, unknown> | null): Promise<void> {
    if (await insertHubEvent(q, event, status, effects)) this.doorbell?.ring();
  }

  async record(event: HubEvent): Promise<RecordedHubEvent> {
    const q = queryIn(this.orm.em.fork());
    await this.insert(q, event, 'running', null);
    const [row] = await q<Row>('select * from hub_events where scheme_id = ? and key = ?', [event.schemeId, event.key]);
    if (event.tracked && row?.request_hash !== event.tracked.requestHash) throw new IdempotencyKeyReusedError();
    return toEvent(row as Row);
  }

  async finish(schemeId: string, key: string, status: HubEventStatus, effects: Record<string, unknown>): Promise<void> {
    await queryIn(this.orm.em.fork())('update hub_events set status = ?, effects = ?::jsonb where scheme_id = ? and key = ?', [status, JSON.stringify(effects), schemeId, key]);
  }

  listening(schemeId: string, customerId: string, eventType: string): Promise<boolean> {
    return busListening(this.orm.em.fork().getConnection(), schemeId, customerId, eventType);
  }

  /** One statement on the sale's hot path: the event, already delivered with no effects. */
  journalQuiet(event: HubEvent): Promise<void> {
    return this.insert(queryIn(this.orm.em.fork()), event, 'success', quietDelivery);
  }

  async listForCustomer(schemeId: string, customerId: string, f: HubEventFilter): Promise<Page<RecordedHubEvent>> {
    const where = ['scheme_id = ?', 'customer_id = ?'];
    const params: unknown[] = [schemeId, customerId];
    for (const [clause, value] of [['type = ?', f.eventType], ['status = ?', f.status], ['created_at >= ?', f.fromCreatedAt], ['created_at <= ?', f.toCreatedAt]] as const) {
      if (value === undefined) continue;
      where.push(clause);
      params.push(value);
    }
    // Newest first along hub_events (customer_id, created_at).
    return keysetPage(queryIn(this.orm.em.fork()), { select: '*', from: 'hub_events', where, params, key: byCreation(), order: 'desc' }, f, toEvent);
  }
}

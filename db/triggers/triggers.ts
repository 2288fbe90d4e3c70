import { randomBytes, randomUUID } from 'node:crypto';
import { BusinessRuleError, NotFoundError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type { TriggerRepository } from '../../domain/triggers/ports';
import type { DeliveryStatus, EventTrigger, NewEventTrigger, TriggerDelivery } from '../../domain/triggers/trigger';
import { queryIn, type Query } from '../ledger/ledger-engine';
import { hotPool, type Orm } from '../orm';
import { inPgTransaction } from '../pg/hot-pool';
import { keysetPage, type KeyColumn } from '../repositories/keyset-page';
import type { Sealer } from '../secrets/sealer';
import type { Doorbell } from '../follow-ups/doorbell';
import { recordFollowUps } from '../follow-ups/outbox';
import type { FollowUp } from '../../domain/follow-ups';
import { DELIVERY_COLUMNS, toDelivery, toTrigger, type DeliveryRow, type TriggerRow } from './rows';

const byCreation: KeyColumn[] = [
  { sql: 'created_at', type: 'timestamptz' },
  { sql: 'id', type: 'uuid' },
];
const bySeq: KeyColumn[] = [{ sql: 'seq', type: 'int' }];

const values = (t: NewEventTrigger) => [t.name, t.active, t.settings.url, JSON.stringify(t.settings.eventTypes), t.settings.filter === null ? null : JSON.stringify(t.settings.filter), t.settings.retryHorizonSeconds];

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** Triggers and their deliveries, scoped by scheme; the signing secret is sealed, and shown once when made. */
export class PgTriggerRepository implements TriggerRepository {
  constructor(
    private readonly orm: Orm,
    private readonly sealer: Sealer | null,
    private readonly doorbell?: Doorbell,
  ) {}

  private q(): Query {
    return queryIn(this.orm.em.fork());
  }

  private sealing(): Sealer {
    if (!this.sealer) throw new BusinessRuleError('Event triggers need CREDENTIALS_KEY: the hub seals their signing secrets with it');
    return this.sealer;
  }

  async create(schemeId: string, t: NewEventTrigger): Promise<EventTrigger & { signingSecret: string }> {
    const signingSecret = newSecret();
    const [row] = await this.q()<TriggerRow>(
      `insert into event_triggers (id, scheme_id, type, name, active, url, event_types, filter, retry_horizon_seconds, secret_sealed, created_at, updated_at)
       values (?, ?, 'WebHook', ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, now(), now()) returning *`,
      [randomUUID(), schemeId, ...values(t), this.sealing().seal(signingSecret)],
    );
    return { ...toTrigger(row as TriggerRow), signingSecret };
  }

  async rotateSecret(schemeId: string, id: string, overlapSeconds: number) {
    const signingSecret = newSecret();
    const [row] = await this.q()<TriggerRow>(
      `update event_triggers
          set previous_secret_sealed = case when ? > 0 then secret_sealed end,
              previous_secret_until = case when ? > 0 then now() + make_interval(secs => ?) end,
              secret_sealed = ?, updated_at = now()
        where id = ? and scheme_id = ? returning *`,
      [overlapSeconds, overlapSeconds, overlapSeconds, this.sealing().seal(signingSecret), id, schemeId],
    );
    if (!row) throw new NotFoundError('Event trigger');
    return { trigger: toTrigger(row), signingSecret, previousSecretValidUntil: row.previous_secret_until ? new Date(row.previous_secret_until).toISOString() : null };
  }

  async update(schemeId: string, id: string, t: NewEventTrigger): Promise<EventTrigger> {
    const [row] = await this.q()<TriggerRow>(
      `update event_triggers set name = ?, active = ?, url = ?, event_types = ?::jsonb, filter = ?::jsonb, retry_horizon_seconds = ?, updated_at = now()
        where id = ? and scheme_id = ? returning *`,
      [...values(t), id, schemeId],
    );
    if (!row) throw new NotFoundError('Event trigger');
    return toTrigger(row);
  }

  async get(schemeId: string, id: string): Promise<EventTrigger | null> {
    const [row] = await this.q()<TriggerRow>('select * from event_triggers where id = ? and scheme_id = ?', [id, schemeId]);
    return row ? toTrigger(row) : null;
  }

  list(schemeId: string, filter: { active?: boolean; name?: string }, page: PageRequest): Promise<Page<EventTrigger>> {
    const where = ['scheme_id = ?'];
    const params: unknown[] = [schemeId];
    if (filter.active !== undefined) {
      where.push('active = ?');
      params.push(filter.active);
    }
    if (filter.name !== undefined) {
      where.push('name = ?');
      params.push(filter.name);
    }
    return keysetPage(this.q(), { select: '*', from: 'event_triggers', where, params, key: byCreation, order: 'desc' }, page, toTrigger);
  }

  async remove(schemeId: string, id: string): Promise<void> {
    const rows = await this.q()('delete from event_triggers where id = ? and scheme_id = ? returning id', [id, schemeId]);
    if (rows.length === 0) throw new NotFoundError('Event trigger');
  }

  async deliveries(schemeId: string, triggerId: string, filter: { status?: DeliveryStatus }, page: PageRequest): Promise<Page<TriggerDelivery>> {
    if (!(await this.get(schemeId, triggerId))) throw new NotFoundError('Event trigger');
    const where = ['trigger_id = ?', 'scheme_id = ?'];
    const params: unknown[] = [triggerId, schemeId];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    return keysetPage(this.q(), { select: DELIVERY_COLUMNS, from: 'trigger_deliveries', where, params, key: bySeq, order: 'asc' }, page, (r: Omit<DeliveryRow, 'event'>) => toDelivery(r));
  }

  /** A settled delivery queued again (a new run, its own workflow), in the same transaction as the outbox row that starts it. */
  async redeliver(schemeId: string, deliveryId: string): Promise<TriggerDelivery> {
    const queued = await inPgTransaction(hotPool(this.orm), async (q) => {
      const [row] = await q<Omit<DeliveryRow, 'event'> & { horizon: number }>(
        `update trigger_deliveries d set status = 'PENDING', run = d.run + 1, last_error = null, next_attempt_at = null, delivered_at = null
           from event_triggers t
          where d.id = ? and d.scheme_id = ? and t.id = d.trigger_id and d.status <> 'PENDING'
          returning ${DELIVERY_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')}, t.retry_horizon_seconds as horizon`,
        [deliveryId, schemeId],
      );
      if (!row) {
        const [existing] = await q<Omit<DeliveryRow, 'event'>>(`select ${DELIVERY_COLUMNS} from trigger_deliveries where id = ? and scheme_id = ?`, [deliveryId, schemeId]);
        if (!existing) throw new NotFoundError('Trigger delivery');
        throw new BusinessRuleError('This delivery is still being attempted');
      }
      // The same outbox row the fan-out writes for run 0 (its key and lane), through the one outbox writer.
      const step: FollowUp = { kind: 'triggerDelivery', schemeId, deliveryId, customerId: row.customer_id, run: row.run, horizonSeconds: row.horizon };
      await recordFollowUps(q, { schemeId, key: `trigger-delivery/${deliveryId}/${row.run}`, lane: `trigger:${row.trigger_id}:${row.customer_id}`, steps: [step] });
      return toDelivery(row);
    });
    this.doorbell?.ring();
    return queued;
  }
}

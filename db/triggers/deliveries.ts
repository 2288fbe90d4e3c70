import type { DeliveryJob, DeliveryStore } from '../../domain/triggers/ports';
import type { DeliveredEvent, DeliveryStatus } from '../../domain/triggers/trigger';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import type { Sealer } from '../secrets/sealer';
import { DELIVERY_COLUMNS, toDelivery, toTrigger, type DeliveryRow, type TriggerRow } from './rows';

/** The delivery workflow's side: what an attempt needs, and its outcome written back for ops to see. */
export class PgDeliveryStore implements DeliveryStore {
  constructor(
    private readonly orm: Orm,
    private readonly sealer: Sealer | null,
  ) {}

  private q() {
    return queryIn(this.orm.em.fork());
  }

  async load(deliveryId: string): Promise<DeliveryJob | null> {
    const [row] = await this.q()<DeliveryRow & { trigger: TriggerRow; behind: boolean; overlapping: boolean | null }>(
      `select ${DELIVERY_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')}, d.event, row_to_json(t) as trigger, t.previous_secret_until > now() as overlapping,
              exists (select 1 from trigger_deliveries e where e.trigger_id = d.trigger_id and e.customer_id = d.customer_id and e.status = 'PENDING' and e.seq < d.seq) as behind
         from trigger_deliveries d join event_triggers t on t.id = d.trigger_id where d.id = ?`,
      [deliveryId],
    );
    if (!row) return null;
    if (!this.sealer) throw new Error('CREDENTIALS_KEY is needed to open a trigger’s signing secret');
    const secrets = [this.sealer.open(row.trigger.secret_sealed)];
    if (row.overlapping && row.trigger.previous_secret_sealed) secrets.push(this.sealer.open(row.trigger.previous_secret_sealed));
    return { delivery: toDelivery(row), event: row.event as DeliveredEvent, trigger: toTrigger(row.trigger), secrets, behind: row.behind };
  }

  async attempted(deliveryId: string, run: number, o: { statusCode: number | null; error: string | null; nextAttemptAt: string | null }): Promise<void> {
    await this.q()(
      `update trigger_deliveries set attempts = attempts + 1, last_status_code = ?, last_error = ?, next_attempt_at = ?::timestamptz where id = ? and run = ? and status = 'PENDING'`,
      [o.statusCode, o.error?.slice(0, 2000) ?? null, o.nextAttemptAt, deliveryId, run],
    );
  }

  async settle(deliveryId: string, run: number, status: Exclude<DeliveryStatus, 'PENDING'>, detail: { statusCode?: number | null; error?: string | null }): Promise<void> {
    const posted = status === 'DELIVERED';
    await this.q()(
      `update trigger_deliveries set status = ?, attempts = attempts + ?, last_status_code = coalesce(?, last_status_code), last_error = coalesce(?, last_error),
              next_attempt_at = null, delivered_at = case when ? then now() else delivered_at end
        where id = ? and run = ? and status = 'PENDING'`,
      [status, posted ? 1 : 0, detail.statusCode ?? null, posted ? null : (detail.error?.slice(0, 2000) ?? null), posted, deliveryId, run],
    );
  }
}

import { NotFoundError } from '../../domain/errors';
import type { PosSettingsRepository } from '../../domain/pos/ports';
import { defaultPosSettings, type PosSettings } from '../../domain/pos/settings';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';

type Row = { checkin_mode: PosSettings['checkinMode']; unit_sku: string; reward_threshold: string; reward_title: string; default_outlet_id: string | null; dedup_window_seconds: number };

const toSettings = (r: Row): PosSettings => ({
  checkinMode: r.checkin_mode,
  unitSku: r.unit_sku,
  rewardThreshold: Number(r.reward_threshold),
  rewardTitle: r.reward_title,
  defaultOutletId: r.default_outlet_id,
  dedupWindowSeconds: r.dedup_window_seconds,
});

export class PgPosSettingsRepository implements PosSettingsRepository {
  constructor(private readonly orm: Orm) {}

  async get(schemeId: string): Promise<PosSettings> {
    const [row] = await queryIn(this.orm.em.fork())<Row>('select * from pos_settings where scheme_id = ?', [schemeId]);
    return row ? toSettings(row) : defaultPosSettings;
  }

  async put(schemeId: string, s: PosSettings): Promise<PosSettings> {
    const q = queryIn(this.orm.em.fork());
    // The outlet must be this scheme's: the foreign key alone would accept another scheme's.
    if (s.defaultOutletId && (await q('select 1 from outlets where id = ? and scheme_id = ?', [s.defaultOutletId, schemeId])).length === 0) throw new NotFoundError('Outlet');
    const [row] = await q<Row>(
      `insert into pos_settings (scheme_id, checkin_mode, unit_sku, reward_threshold, reward_title, default_outlet_id, dedup_window_seconds, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, now())
       on conflict (scheme_id) do update set checkin_mode = excluded.checkin_mode, unit_sku = excluded.unit_sku, reward_threshold = excluded.reward_threshold,
         reward_title = excluded.reward_title, default_outlet_id = excluded.default_outlet_id, dedup_window_seconds = excluded.dedup_window_seconds, updated_at = excluded.updated_at
       returning *`,
      [schemeId, s.checkinMode, s.unitSku, s.rewardThreshold, s.rewardTitle, s.defaultOutletId, s.dedupWindowSeconds],
    );
    return toSettings(row as Row);
  }

  async onlyOutlet(schemeId: string): Promise<string | null> {
    const rows = await queryIn(this.orm.em.fork())<{ id: string }>('select id from outlets where scheme_id = ? and active limit 2', [schemeId]);
    return rows.length === 1 ? (rows[0] as { id: string }).id : null;
  }
}

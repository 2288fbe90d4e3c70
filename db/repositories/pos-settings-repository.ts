import { NotFoundError } from '../../domain/errors';
import type { PosSettingsRepository } from '../../domain/pos/ports';
import { defaultPosSettings, type PosSettings } from '../../domain/pos/settings';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { uuidArray } from '../sql-arrays';

type Row = { checkin_mode: PosSettings['checkinMode']; unit_sku: string; reward_threshold: string; reward_title: string; default_outlet_id: string | null; store_outlets: Record<string, string>; dedup_window_seconds: number };

const toSettings = (r: Row): PosSettings => ({
  checkinMode: r.checkin_mode,
  unitSku: r.unit_sku,
  rewardThreshold: Number(r.reward_threshold),
  rewardTitle: r.reward_title,
  defaultOutletId: r.default_outlet_id,
  storeOutlets: r.store_outlets ?? {},
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
    // The outlets must be this scheme's: the foreign key alone would accept another scheme's (and the map has none).
    const outlets = [...new Set([...(s.defaultOutletId ? [s.defaultOutletId] : []), ...Object.values(s.storeOutlets)].map((id) => id.toLowerCase()))];
    const [found] = await q<{ n: number }>('select count(*)::int as n from outlets where scheme_id = ? and id = any(?::uuid[])', [schemeId, uuidArray(outlets)]);
    if ((found?.n ?? 0) !== outlets.length) throw new NotFoundError('Outlet');
    const [row] = await q<Row>(
      `insert into pos_settings (scheme_id, checkin_mode, unit_sku, reward_threshold, reward_title, default_outlet_id, store_outlets, dedup_window_seconds, updated_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, now())
       on conflict (scheme_id) do update set checkin_mode = excluded.checkin_mode, unit_sku = excluded.unit_sku, reward_threshold = excluded.reward_threshold,
         reward_title = excluded.reward_title, default_outlet_id = excluded.default_outlet_id, store_outlets = excluded.store_outlets, dedup_window_seconds = excluded.dedup_window_seconds, updated_at = excluded.updated_at
       returning *`,
      [schemeId, s.checkinMode, s.unitSku, s.rewardThreshold, s.rewardTitle, s.defaultOutletId, JSON.stringify(s.storeOutlets), s.dedupWindowSeconds],
    );
    return toSettings(row as Row);
  }

  async onlyOutlet(schemeId: string): Promise<string | null> {
    const rows = await queryIn(this.orm.em.fork())<{ id: string }>('select id from outlets where scheme_id = ? and active limit 2', [schemeId]);
    return rows.length === 1 ? (rows[0] as { id: string }).id : null;
  }
}

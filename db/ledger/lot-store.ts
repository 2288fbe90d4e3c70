import type { Expiring, LotPort, PointLot, SweepBatch } from '../../domain/ledger/lots';
import { nextExpiring } from '../../domain/ledger/lots';
import type { Orm } from '../orm';
import { queryIn, type Query } from './ledger-engine';
import type { Page, PageRequest } from '../../domain/pagination';
import { keysetPage } from '../repositories/keyset-page';

interface LotRow {
  id: string;
  account_id: string;
  wallet_id: string;
  transfer_id: string | null;
  amount: string;
  remaining: string;
  expired: string;
  earned_at: Date;
  expires_at: Date;
}

const toLot = (r: LotRow): PointLot => ({
  id: r.id,
  accountId: r.account_id,
  walletId: r.wallet_id,
  transferId: r.transfer_id,
  amount: String(r.amount),
  remaining: String(r.remaining),
  expired: String(r.expired),
  earnedAt: new Date(r.earned_at).toISOString(),
  expiresAt: new Date(r.expires_at).toISOString(),
});

/** Reads the lots and runs the expiry sweep's SQL (db/ledger/sql/lots.sql.ts). */
export class PgLotStore implements LotPort {
  constructor(private readonly orm: Orm) {}

  private get q(): Query {
    return queryIn(this.orm.em.fork());
  }

  /** First to expire first, along point_lots (wallet_id, expires_at, earned_at). */
  customerLots(schemeId: string, customerId: string, live: boolean, page: PageRequest): Promise<Page<PointLot>> {
    const key = [{ sql: 'l.expires_at', type: 'timestamptz' as const }, { sql: 'l.earned_at', type: 'timestamptz' as const }, { sql: 'l.id', type: 'uuid' as const }];
    const where = ['w.customer_id = ?', 'w.scheme_id = ?', ...(live ? ['l.remaining > 0'] : [])];
    return keysetPage(this.q, { select: 'l.*, w.account_id', from: 'point_lots l join wallets w on w.id = l.wallet_id', where, params: [customerId, schemeId], key, order: 'asc' }, page, (r: LotRow) => toLot(r));
  }

  async expiring(walletIds: string[], dates: number): Promise<Map<string, Expiring[]>> {
    if (walletIds.length === 0) return new Map();
    const rows = await this.q<{ wallet_id: string; amount: string; expires_at: Date }>(
      `select wallet_id, sum(remaining)::text as amount, expires_at from point_lots
        where wallet_id = any(?::uuid[]) and remaining > 0 group by wallet_id, expires_at`,
      [`{${walletIds.join(',')}}`],
    );
    return nextExpiring(rows.map((r) => ({ walletId: r.wallet_id, amount: r.amount, expiresAt: new Date(r.expires_at).toISOString() })), dates);
  }

  async expireDue(schemeId: string, cutoff: Date, maxWallets: number): Promise<SweepBatch> {
    const [row] = await this.q<{ r: SweepBatch }>('select ledger_expire_due(?, ?, ?) as r', [schemeId, cutoff, maxWallets]);
    return row!.r;
  }

  async noticeExpiring(schemeId: string, now: Date, maxWallets: number): Promise<number> {
    const [row] = await this.q<{ n: number }>(
      `select ledger_notice_expiring(?, ?::timestamptz + make_interval(days => coalesce((select expiry_notice_days from point_rules where scheme_id = ?), 30)), ?) as n`,
      [schemeId, cutoffIso(now), schemeId, maxWallets],
    );
    return row?.n ?? 0;
  }

  async expiringSchemes(): Promise<Array<{ schemeId: string; timeZone: string }>> {
    const rows = await this.q<{ id: string; time_zone: string }>(
      `select s.id, s.time_zone from schemes s
        where exists (select 1 from ledger_accounts a where a.scheme_id = s.id and a.expires_in_months > 0)
           or exists (select 1 from loyalty_tiers t where t.scheme_id = s.id)`,
      [],
    );
    return rows.map((r) => ({ schemeId: r.id, timeZone: r.time_zone }));
  }
}

const cutoffIso = (d: Date) => d.toISOString();

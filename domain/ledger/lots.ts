import type { Page, PageRequest } from '../pagination';
/**
 * Expiry lots as the hub shows and sweeps them. The lots themselves are kept
 * by the ledger (db/ledger/sql/lots.sql.ts, rules there); the date rule is
 * domain/ledger/lot-expiry.ts.
 */
export interface PointLot {
  id: string;
  accountId: string;
  walletId: string;
  /** The credit that formed the lot; null for the opening lot of a balance that predates the account's expiry. */
  transferId: string | null;
  amount: string;
  remaining: string;
  expired: string;
  earnedAt: string;
  expiresAt: string;
}

/** Points due on one date. */
export interface Expiring {
  amount: string;
  expiresAt: string;
}

/** What one sweep call did. */
export interface SweepBatch {
  wallets: number;
  lots: number;
  points: string;
}

export interface LotPort {
  /** A customer's lots, first to expire first; `live` only those with points left. */
  customerLots(schemeId: string, customerId: string, live: boolean, page: PageRequest): Promise<Page<PointLot>>;
  /** Per wallet, the next `dates` expiry dates with points left on them. */
  expiring(walletIds: string[], dates: number): Promise<Map<string, Expiring[]>>;
  /** Expires the lots due by `cutoff` of up to `maxWallets` wallets, in one transaction. */
  expireDue(schemeId: string, cutoff: Date, maxWallets: number): Promise<SweepBatch>;
  /** Announces (`points-expiring`) lots due within the scheme's notice days of `now`; how many events. */
  noticeExpiring(schemeId: string, now: Date, maxWallets: number): Promise<number>;
  /** Schemes with an account whose points expire or with tiers (each has a daily sweep schedule). */
  expiringSchemes(): Promise<Array<{ schemeId: string; timeZone: string }>>;
}

/** Next-to-expire summary: the first `dates` dates, in order. */
export function nextExpiring(rows: Array<{ walletId: string; amount: string; expiresAt: string }>, dates: number): Map<string, Expiring[]> {
  const out = new Map<string, Expiring[]>();
  for (const r of [...rows].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))) {
    const list = out.get(r.walletId) ?? [];
    if (list.length < dates) list.push({ amount: r.amount, expiresAt: r.expiresAt });
    out.set(r.walletId, list);
  }
  return out;
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { available } from '../../domain/ledger/wallet';
import { currencyDecimals } from '../../domain/transactions/money';
import type { Coupon, GiftCard, NewSale, PointRulesView, SaleContext, SaleLookup, SaleStore, SaleTransaction, StoredSale } from '../../domain/transactions/ports';
import type { SyncKind } from '../../domain/partners/ports';
import { uuidArray, type LedgerEngine, type Query } from '../ledger/ledger-engine';
import { totalsOf, type WalletRow } from '../ledger/rows';
import type { Orm } from '../orm';
import { textArray } from '../sql-arrays';
import { basicsIn, inTransaction } from '../transaction-basics';
import type { Doorbell } from '../follow-ups/doorbell';

interface ContextRow {
  id: string;
  status: 'ACTIVE' | 'BLOCKED';
  currency: string;
  wallet_id: string;
  account_id: string;
  system_wallets: Record<string, string> | null;
  outlet_ok: boolean;
  rules: { earn_per_unit: string; redeem_points_per_unit: string; overrides: PointRulesView['overrides']; return_window_seconds: number; return_policy: PointRulesView['returnPolicy'] } | null;
  gift_cards: Array<{ code: string; wallet_id: string; account_id: string; decimals: number; redemption_wallet_id: string | null }>;
  coupons: Array<{ code: string; type: Coupon['type']; value: number; customer_id: string | null; valid_from: string | null; valid_to: string | null; used_at: string | null; used_by: string | null }>;
  partner_events: SyncKind[];
  listening: boolean;
  now: Date;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Everything a sale reads, in one round trip: the customer and its points
 * wallet, the account's system wallets, the outlet, the rules, the gift cards
 * and coupons it names, what the scheme's partner connections forward, and
 * whether anything on the event bus listens for the customer's purchases.
 */
const CONTEXT_SQL = (by: 'id' | 'barcode') => `
select c.id, c.status, s.currency, w.id as wallet_id, w.account_id, now() as now,
  (select json_object_agg(sw.kind, sw.id) from wallets sw where sw.account_id = w.account_id and sw.customer_id is null) as system_wallets,
  exists (select 1 from outlets o where o.id = ? and o.scheme_id = c.scheme_id and o.active) as outlet_ok,
  (select row_to_json(r) from point_rules r where r.scheme_id = c.scheme_id) as rules,
  (select coalesce(json_agg(json_build_object('code', substr(g.owner_key, 10), 'wallet_id', g.id, 'account_id', g.account_id, 'decimals', ga.decimals,
            'redemption_wallet_id', (select gr.id from wallets gr where gr.account_id = g.account_id and gr.kind = 'redemption' and gr.customer_id is null))), '[]')
     from wallets g join ledger_accounts ga on ga.id = g.account_id
    where g.scheme_id = c.scheme_id and g.kind = 'giftcard' and g.owner_key = any(?::text[])) as gift_cards,
  (select coalesce(json_agg(row_to_json(cp)), '[]') from coupons cp where cp.scheme_id = c.scheme_id and cp.code = any(?::text[])) as coupons,
  (select coalesce(json_agg(distinct e.kind), '[]') from connections cn, jsonb_array_elements_text(cn.events) e(kind)
    where cn.scheme_id = c.scheme_id and cn.enabled and cn.deleted_at is null) as partner_events,
  (exists (select 1 from missions m where m.scheme_id = c.scheme_id and m.event_type = 'member-purchase-order-confirmed' and m.active)
    or exists (select 1 from referrals rf where rf.scheme_id = c.scheme_id and rf.referred_customer_id = c.id and rf.closed_at is null and rf.status in ('PENDING', 'QUALIFIED'))) as listening
from customers c join schemes s on s.id = c.scheme_id
  join ledgers l on l.scheme_id = c.scheme_id and l.is_default
  join ledger_accounts a on a.ledger_id = l.id and a.is_default
  join wallets w on w.account_id = a.id and w.customer_id = c.id
where c.scheme_id = ? and c.${by} = ?`;

function rulesView(r: ContextRow['rules']): PointRulesView {
  return r
    ? { earnPerUnit: String(r.earn_per_unit), redeemPointsPerUnit: String(r.redeem_points_per_unit), overrides: r.overrides, returnWindowSeconds: r.return_window_seconds, returnPolicy: r.return_policy }
    : { earnPerUnit: '0', redeemPointsPerUnit: '0', overrides: [], returnWindowSeconds: 0, returnPolicy: 'within_balance' };
}

/** The sale can earn if any rate is above zero: then the issuance wallet will be touched. */
const canEarn = (rules: PointRulesView) => BigInt(rules.earnPerUnit) > 0n || rules.overrides.some((o) => BigInt(o.earnPerUnit) > 0n);

class PgSaleTransaction implements SaleTransaction {
  readonly post;
  readonly journal;
  readonly followUps;
  readonly recorded;

  constructor(
    private readonly q: Query,
    em: EntityManager,
    ledger: LedgerEngine,
  ) {
    ({ post: this.post, journal: this.journal, followUps: this.followUps, recorded: this.recorded } = basicsIn(em, q, ledger));
  }

  async claim(schemeId: string, uniqueId: string) {
    // Two statements: the read must see what a transaction we waited for committed.
    await this.q('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`sale:${schemeId}:${uniqueId}`]);
    const [row] = await this.q<{ unique_id: string; customer_id: string; outlet_id: string; points_earned: string; points_redeemed: string; request: Record<string, unknown>; result: Record<string, unknown>; lines: Array<Record<string, unknown>>; pending_points: string; pending_until: Date | null; request_hash: string; created_at: Date }>(
      'select * from sales where scheme_id = ? and unique_id = ?',
      [schemeId, uniqueId],
    );
    if (!row) return null;
    const stored: StoredSale & { requestHash: string } = {
      uniqueId: row.unique_id,
      customerId: row.customer_id,
      outletId: row.outlet_id,
      pointsEarned: String(row.points_earned),
      pointsRedeemed: String(row.points_redeemed),
      request: row.request,
      result: row.result,
      lines: row.lines,
      pendingPoints: String(row.pending_points),
      pendingUntil: row.pending_until ? new Date(row.pending_until).toISOString() : null,
      requestHash: row.request_hash,
      createdAt: new Date(row.created_at).toISOString(),
    };
    return stored;
  }

  async context(schemeId: string, l: SaleLookup): Promise<SaleContext | { missing: 'customer' | 'outlet' }> {
    const [row] = await this.q<ContextRow>(CONTEXT_SQL(l.customerId ? 'id' : 'barcode'), [
      l.outletId,
      textArray(l.giftCardCodes.map((c) => `giftcard:${c}`)),
      textArray(l.couponCodes),
      schemeId,
      l.customerId ?? l.customerBarcode,
    ]);
    if (!row) return { missing: 'customer' };
    if (!row.outlet_ok) return { missing: 'outlet' };
    const rules = rulesView(row.rules);
    const system = row.system_wallets ?? {};
    // Every wallet the ledger legs may touch, locked here in id order (the engine's order), before pricing:
    // the balance the sale is priced against is the one it posts against.
    const lock = [row.wallet_id, ...row.gift_cards.flatMap((g) => [g.wallet_id, g.redemption_wallet_id ?? g.wallet_id])];
    if (canEarn(rules) && system.issuance) lock.push(system.issuance);
    if (l.redeems && system.redemption) lock.push(system.redemption);
    const locked = await this.q<WalletRow>('select * from wallets where id = any(?::uuid[]) and scheme_id = ? order by id for update', [uuidArray([...new Set(lock)].sort()), schemeId]);
    const byId = new Map(locked.map((w) => [w.id, w]));
    const balance = (id: string) => {
      const w = byId.get(id);
      return w ? available(totalsOf(w)) : 0n;
    };
    const giftCards: Record<string, GiftCard> = {};
    for (const g of row.gift_cards) giftCards[g.code] = { code: g.code, walletId: g.wallet_id, accountId: g.account_id, available: balance(g.wallet_id).toString(), decimals: g.decimals };
    const coupons: Record<string, Coupon> = {};
    for (const c of row.coupons) {
      coupons[c.code] = { code: c.code, type: c.type, value: c.value, customerId: c.customer_id, validFrom: iso(c.valid_from), validTo: iso(c.valid_to), usedAt: iso(c.used_at), usedBy: c.used_by };
    }
    return {
      customerId: row.id,
      customerStatus: row.status,
      outletId: l.outletId,
      accountId: row.account_id,
      walletId: row.wallet_id,
      available: balance(row.wallet_id).toString(),
      currencyDecimals: currencyDecimals(row.currency),
      rules,
      giftCards,
      coupons,
      now: new Date(row.now).toISOString(),
      partnerEvents: row.partner_events,
      busListening: row.listening,
    };
  }

  async consumeCoupons(schemeId: string, codes: string[], saleUniqueId: string): Promise<string[]> {
    if (codes.length === 0) return [];
    // Conditional update: the database decides who gets a coupon, not a prior read.
    const taken = await this.q<{ code: string }>(
      `update coupons set used_at = coalesce(used_at, now()), used_by = ?
        where scheme_id = ? and code = any(?::text[]) and (used_by is null or used_by = ?) returning code`,
      [saleUniqueId, schemeId, textArray(codes), saleUniqueId],
    );
    return taken.map((r) => r.code);
  }

  async record(schemeId: string, sale: NewSale): Promise<void> {
    await this.q(
      `insert into sales (id, scheme_id, unique_id, request_hash, customer_id, outlet_id, points_earned, points_redeemed, request, result, lines,
                          pending_transfer_id, pending_points, pending_until, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, now())`,
      [randomUUID(), schemeId, sale.uniqueId, sale.requestHash, sale.customerId, sale.outletId, sale.pointsEarned, sale.pointsRedeemed,
        JSON.stringify(sale.request), JSON.stringify(sale.result), JSON.stringify(sale.lines), sale.pendingTransferId, sale.pendingPoints, sale.pendingUntil],
    );
  }
}

/** One PostgreSQL transaction per sale, bounded so a slow database cancels it before its activity is retried. */
export class PgSaleStore implements SaleStore {
  constructor(
    private readonly orm: Orm,
    private readonly ledger: LedgerEngine,
    private readonly opts: { timeoutMs: number; doorbell?: Doorbell },
  ) {}

  transaction<T>(fn: (tx: SaleTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.orm, this.opts, (em, q) => new PgSaleTransaction(q, em, this.ledger), fn);
  }
}

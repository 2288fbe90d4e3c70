import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { available } from '../../domain/ledger/wallet';
import { currencyDecimals } from '../../domain/transactions/money';
import type { Coupon, GiftCard, NewSale, OpenedSale, PointRulesView, SaleLookup, SaleStore, SaleTier, SaleTransaction, StoredSale } from '../../domain/transactions/ports';
import type { SyncKind } from '../../domain/partners/ports';
import type { LedgerEngine, Query } from '../ledger/ledger-engine';
import { totalsOf, type WalletRow } from '../ledger/rows';
import { textArray } from '../sql-arrays';
import { basicsIn, inTransaction } from '../transaction-basics';
import type { Doorbell } from '../follow-ups/doorbell';
import type { Write } from '../writes';
import { saleTierSql } from '../tiers/sale-tier.sql';
import { COUPON_BOOK_RULES } from '../coupon-books/book-rules.sql';
import { saleSideEventTypes, type SideListener } from '../../domain/transactions/side-events';

/** The customer and its points wallet, locked: the sale's first lock (customers' wallets come first in the ledger's lock order). */
const LOCK_CUSTOMER_SQL = (by: 'id' | 'barcode') => `
select c.status, w.id as wallet_id, w.customer_id, w.account_id, w.debits_posted, w.credits_posted, w.debits_pending, w.credits_pending
  from customers c
  join ledgers l on l.scheme_id = c.scheme_id and l.is_default
  join ledger_accounts a on a.ledger_id = l.id and a.is_default
  join wallets w on w.account_id = a.id and w.customer_id = c.id
 where c.scheme_id = ? and c.${by} = ?
   for update of w`;

/**
 * Everything else a sale reads, in one round trip after the lock: the sale
 * already recorded under its uniqueId, the scheme's currency, the outlet, the
 * rules, the gift cards and coupons it names, what the scheme's partner
 * connections forward, and whether anything on the event bus listens for the
 * customer's purchases.
 */
const CONTEXT_SQL = `
select s.currency, now() as now,
  (select row_to_json(p) from sales p where p.scheme_id = s.id and p.unique_id = ?) as previous,
  exists (select 1 from outlets o where o.id = ? and o.scheme_id = s.id and o.active) as outlet_ok,
  (select row_to_json(r) from point_rules r where r.scheme_id = s.id) as rules,
  (select coalesce(json_agg(json_build_object('code', substr(g.owner_key, 10), 'wallet', row_to_json(g), 'decimals', ga.decimals)), '[]')
     from wallets g join ledger_accounts ga on ga.id = g.account_id
    where g.scheme_id = s.id and g.kind = 'giftcard' and g.owner_key = any(?::text[])) as gift_cards,
  (select coalesce(json_agg(to_jsonb(cp) || jsonb_build_object('book', ${COUPON_BOOK_RULES('cp')})), '[]') from coupons cp where cp.scheme_id = s.id and cp.code = any(?::text[])) as coupons,
  (select coalesce(json_agg(distinct e.kind), '[]') from connections cn, jsonb_array_elements_text(cn.events) e(kind)
    where cn.scheme_id = s.id and cn.enabled and cn.deleted_at is null) as partner_events,
  (exists (select 1 from missions m where m.scheme_id = s.id and m.event_type = 'member-purchase-order-confirmed' and m.active)
    or exists (select 1 from referrals rf where rf.scheme_id = s.id and rf.referred_customer_id = ? and rf.closed_at is null and rf.status in ('PENDING', 'QUALIFIED'))) as listening,
  exists (select 1 from event_triggers et where et.scheme_id = s.id and et.active) as triggered,
  (select coalesce(json_agg(json_build_object('type', t, 'bus', exists (select 1 from missions m where m.scheme_id = s.id and m.event_type = t and m.active))), '[]')
     from unnest(array[${saleSideEventTypes.map((t) => `'${t}'`).join(', ')}]) t
    where exists (select 1 from event_triggers et where et.scheme_id = s.id and et.active and et.event_types @> jsonb_build_array(t))
       or exists (select 1 from missions m where m.scheme_id = s.id and m.event_type = t and m.active)) as side_listeners,
  ${saleTierSql('?')} as tier
from schemes s where s.id = ?`;

type RulesRow = { earn_per_unit: string; redeem_points_per_unit: string; overrides: PointRulesView['overrides']; return_window_seconds: number; return_policy: PointRulesView['returnPolicy'] };
type SaleRow = { unique_id: string; customer_id: string; outlet_id: string; points_earned: string; points_redeemed: string; request: Record<string, unknown>; result: Record<string, unknown>; lines: Array<Record<string, unknown>>; pending_points: string; pending_until: string | null; request_hash: string; created_at: string };

interface ContextRow {
  currency: string;
  now: Date;
  previous: SaleRow | null;
  outlet_ok: boolean;
  rules: RulesRow | null;
  gift_cards: Array<{ code: string; wallet: WalletRow; decimals: number }>;
  coupons: Array<{ code: string; type: Coupon['type']; value: number; customer_id: string | null; valid_from: string | null; valid_to: string | null; used_at: string | null; used_by: string | null; book: Coupon['book'] }>;
  partner_events: SyncKind[];
  listening: boolean;
  triggered: boolean;
  side_listeners: SideListener[];
  tier: SaleTier | null;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

function rulesView(r: RulesRow | null): PointRulesView {
  return r
    ? { earnPerUnit: String(r.earn_per_unit), redeemPointsPerUnit: String(r.redeem_points_per_unit), overrides: r.overrides, returnWindowSeconds: r.return_window_seconds, returnPolicy: r.return_policy }
    : { earnPerUnit: '0', redeemPointsPerUnit: '0', overrides: [], returnWindowSeconds: 0, returnPolicy: 'within_balance' };
}

function storedSale(p: SaleRow): StoredSale & { requestHash: string } {
  return {
    uniqueId: p.unique_id,
    customerId: p.customer_id,
    outletId: p.outlet_id,
    pointsEarned: String(p.points_earned),
    pointsRedeemed: String(p.points_redeemed),
    request: p.request,
    result: p.result,
    lines: p.lines,
    pendingPoints: String(p.pending_points),
    pendingUntil: iso(p.pending_until),
    requestHash: p.request_hash,
    createdAt: new Date(p.created_at).toISOString(),
  };
}

class PgSaleTransaction implements SaleTransaction {
  readonly pending: Write[] = [];
  readonly post;
  readonly journal;
  readonly followUps;
  readonly wake;
  readonly recorded;

  constructor(
    private readonly q: Query,
    ledger: LedgerEngine,
  ) {
    ({ post: this.post, journal: this.journal, followUps: this.followUps, wake: this.wake, recorded: this.recorded } = basicsIn(q, ledger, this.pending));
  }

  async open(schemeId: string, uniqueId: string, l: SaleLookup): Promise<OpenedSale> {
    const [customer] = await this.q<Pick<WalletRow, 'customer_id' | 'account_id' | 'debits_posted' | 'credits_posted' | 'debits_pending' | 'credits_pending'> & { wallet_id: string; status: 'ACTIVE' | 'BLOCKED' }>(
      LOCK_CUSTOMER_SQL(l.customerId ? 'id' : 'barcode'),
      [schemeId, l.customerId ?? l.customerBarcode],
      { name: l.customerId ? 'sale_lock_customer_by_id' : 'sale_lock_customer_by_barcode' },
    );
    const customerId = customer?.customer_id ?? null;
    const [row] = await this.q<ContextRow>(CONTEXT_SQL, [uniqueId, l.outletId, textArray(l.giftCardCodes.map((c) => `giftcard:${c}`)), textArray(l.couponCodes), customerId, customerId, schemeId], { name: 'sale_context_v2' });
    const previous = row?.previous ? storedSale(row.previous) : null;
    if (!customer || !row) return { previous, context: { missing: 'customer' } };
    if (!row.outlet_ok) return { previous, context: { missing: 'outlet' } };
    const giftCards: Record<string, GiftCard> = {};
    for (const g of row.gift_cards) {
      giftCards[g.code] = { code: g.code, walletId: g.wallet.id, accountId: g.wallet.account_id, available: available(totalsOf(g.wallet)).toString(), decimals: g.decimals };
    }
    const coupons: Record<string, Coupon> = {};
    for (const c of row.coupons) {
      coupons[c.code] = { code: c.code, type: c.type, value: c.value, customerId: c.customer_id, validFrom: iso(c.valid_from), validTo: iso(c.valid_to), usedAt: iso(c.used_at), usedBy: c.used_by, book: c.book };
    }
    return {
      previous,
      context: {
        customerId: customerId as string,
        customerStatus: customer.status,
        outletId: l.outletId,
        accountId: customer.account_id,
        walletId: customer.wallet_id,
        available: available(totalsOf(customer)).toString(),
        currencyDecimals: currencyDecimals(row.currency),
        rules: rulesView(row.rules),
        giftCards,
        coupons,
        now: new Date(row.now).toISOString(),
        partnerEvents: row.partner_events,
        busListening: row.listening,
        triggered: row.triggered,
        sideListeners: row.side_listeners,
        tier: row.tier,
      },
    };
  }

  async consumeCoupons(schemeId: string, codes: string[], saleUniqueId: string, customerId: string): Promise<string[]> {
    if (codes.length === 0) return [];
    // Conditional update: the database decides who gets a coupon, not a prior read — also against a book code
    // assigned to another member since the sale read it.
    const taken = await this.q<{ code: string }>(
      `update coupons set used_at = coalesce(used_at, now()), used_by = ?
        where scheme_id = ? and code = any(?::text[]) and (used_by is null or used_by = ?) and (customer_id is null or customer_id = ?) returning code`,
      [saleUniqueId, schemeId, textArray(codes), saleUniqueId, customerId],
      { name: 'sale_consume_coupons_v2' },
    );
    return taken.map((r) => r.code);
  }

  async record(schemeId: string, sale: NewSale): Promise<void> {
    this.pending.push({
      sql: `insert into sales (id, scheme_id, unique_id, request_hash, customer_id, outlet_id, points_earned, points_redeemed, request, result, lines,
                               pending_transfer_id, pending_points, pending_until, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, now())`,
      params: [randomUUID(), schemeId, sale.uniqueId, sale.requestHash, sale.customerId, sale.outletId, sale.pointsEarned, sale.pointsRedeemed,
        JSON.stringify(sale.request), JSON.stringify(sale.result), JSON.stringify(sale.lines), sale.pendingTransferId, sale.pendingPoints, sale.pendingUntil],
    });
  }
}

/**
 * One PostgreSQL transaction per sale (or hold step), on the posting
 * connections: a lock, a read, the ledger legs, one write, the commit.
 */
export class PgSaleStore implements SaleStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ledger: LedgerEngine,
    private readonly opts: { doorbell?: Doorbell },
  ) {}

  transaction<T>(fn: (tx: SaleTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, this.opts.doorbell, (q) => new PgSaleTransaction(q, this.ledger), fn);
  }
}

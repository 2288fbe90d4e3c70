import { randomUUID } from 'node:crypto';
import { saleTierSql } from '../tiers/sale-tier.sql';
import type { Page, PageRequest } from '../../domain/pagination';
import { available } from '../../domain/ledger/wallet';
import { currencyDecimals } from '../../domain/transactions/money';
import type { CouponRepository, GiftCardRepository, NewSale, PointRulesRepository, SaleContext, SalesRepository, SaleTier, StoredSale } from '../../domain/transactions/ports';
import { SchemeEntity } from '../entities/scheme.entity';
import { OutletEntity } from '../entities/outlet.entity';
import { SaleEntity } from '../entities/sale.entity';
import { totalsOf, type WalletRow } from '../ledger/rows';
import type { Orm } from '../orm';
import { busListening } from '../events/listening';
import { connectedEvents } from './connection-repository';
import { byCreation, entityPage } from './keyset-page';


const toSale = (s: SaleEntity): StoredSale & { requestHash: string } => ({
  uniqueId: s.uniqueId,
  customerId: s.customerId,
  outletId: s.outletId,
  pointsEarned: String(s.pointsEarned),
  pointsRedeemed: String(s.pointsRedeemed),
  request: s.request,
  result: s.result,
  lines: s.lines,
  pendingPoints: String(s.pendingPoints),
  pendingUntil: s.pendingUntil ? s.pendingUntil.toISOString() : null,
  requestHash: s.requestHash,
  createdAt: s.createdAt.toISOString(),
});

export class MikroSalesRepository implements SalesRepository {
  constructor(
    private readonly orm: Orm,
    private readonly giftCards: GiftCardRepository,
    private readonly coupons: CouponRepository,
    private readonly pointRules: PointRulesRepository,
  ) {}

  async currencyDecimals(schemeId: string): Promise<number> {
    const scheme = await this.orm.em.fork().findOne(SchemeEntity, { id: schemeId }, { fields: ['currency'] });
    return currencyDecimals(scheme?.currency);
  }

  async context(
    schemeId: string,
    who: { customerId?: string; customerBarcode?: string },
    outletId: string,
    giftCardCodes: string[],
    couponCodes: string[],
  ): Promise<SaleContext | { missing: 'customer' | 'outlet' }> {
    const conn = this.orm.em.fork().getConnection();
    const [customer] = (await conn.execute(
      `select c.id, c.status, s.currency, w.id as wallet_id, w.account_id, w.debits_posted, w.credits_posted, w.debits_pending, w.credits_pending,
              ${saleTierSql('c.id')} as tier
         from customers c join schemes s on s.id = c.scheme_id
         join ledgers l on l.scheme_id = c.scheme_id and l.is_default
         join ledger_accounts a on a.ledger_id = l.id and a.is_default
         join wallets w on w.account_id = a.id and w.customer_id = c.id
        where c.scheme_id = ? and ${who.customerId ? 'c.id = ?' : 'c.barcode = ?'}`,
      [schemeId, who.customerId ?? who.customerBarcode],
      'all',
    )) as Array<WalletRow & { status: 'ACTIVE' | 'BLOCKED'; currency: string; wallet_id: string; tier: SaleTier | null }>;
    if (!customer) return { missing: 'customer' };
    const outlet = await this.orm.em.fork().findOne(OutletEntity, { id: outletId, schemeId, active: true });
    if (!outlet) return { missing: 'outlet' };
    return {
      customerId: customer.id,
      customerStatus: customer.status,
      outletId,
      accountId: customer.account_id,
      walletId: customer.wallet_id,
      available: available(totalsOf(customer)).toString(),
      currencyDecimals: currencyDecimals(customer.currency),
      rules: await this.pointRules.get(schemeId),
      giftCards: await this.giftCards.find(schemeId, giftCardCodes),
      coupons: await this.coupons.find(schemeId, couponCodes),
      now: new Date().toISOString(),
      partnerEvents: await connectedEvents(this.orm, schemeId),
      busListening: await busListening(conn, schemeId, customer.id, 'member-purchase-order-confirmed'),
      tier: customer.tier,
    };
  }

  async record(schemeId: string, sale: NewSale): Promise<StoredSale> {
    const conn = this.orm.em.fork().getConnection();
    // The first record of a uniqueId wins; a retried activity reads it back.
    await conn.execute(
      `insert into sales (id, scheme_id, unique_id, request_hash, customer_id, outlet_id, points_earned, points_redeemed, request, result, lines,
                          pending_transfer_id, pending_points, pending_until, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, now()) on conflict (scheme_id, unique_id) do nothing`,
      [randomUUID(), schemeId, sale.uniqueId, sale.requestHash, sale.customerId, sale.outletId, sale.pointsEarned, sale.pointsRedeemed,
        JSON.stringify(sale.request), JSON.stringify(sale.result), JSON.stringify(sale.lines),
        sale.pendingTransferId, sale.pendingPoints, sale.pendingUntil],
      'run',
    );
    return (await this.get(schemeId, sale.uniqueId)) as StoredSale;
  }

  async get(schemeId: string, uniqueId: string) {
    const s = await this.orm.em.fork().findOne(SaleEntity, { schemeId, uniqueId });
    return s ? toSale(s) : null;
  }

  /** The customer's sales, or null when the id is not a customer of this scheme (unknown and foreign ids alike). */
  async listForCustomer(schemeId: string, customerId: string, page: PageRequest): Promise<Page<StoredSale> | null> {
    const em = this.orm.em.fork();
    const known = await em.getConnection().execute('select 1 from customers where id = ? and scheme_id = ?', [customerId, schemeId], 'all');
    if (known.length === 0) return null;
    // Newest first along sales (customer_id, created_at).
    const found = await entityPage(em, SaleEntity, { from: 'sales', where: ['scheme_id = ?', 'customer_id = ?'], params: [schemeId, customerId], key: byCreation(), order: 'desc' }, page);
    return { ...found, data: found.data.map(toSale).map(({ requestHash: _hash, ...sale }) => sale) };
  }
}

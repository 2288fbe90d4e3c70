import { BusinessRuleError, NotFoundError } from '../../domain/errors';
import type { ReturnWallets, GiftCardRefund } from '../../domain/returns/ledger-ops';
import { nothingReturned, type RecordedLine, type ReturnedSoFar, type ReturnPolicy, type SaleForReturn } from '../../domain/returns/types';
import { currencyDecimals, toMinorUnits } from '../../domain/transactions/money';
import type { PointRulesView } from '../../domain/transactions/ports';
import type { Query } from '../ledger/ledger-engine';
import { lockAvailable } from '../ledger/wallet-locks';


export interface SaleRow {
  id: string;
  unique_id: string;
  customer_id: string;
  points_earned: string;
  points_redeemed: string;
  request: Record<string, unknown>;
  result: { paymentMethods?: Array<{ type: string; amount: number; reference?: string }> };
  lines: RecordedLine[];
  returned: ReturnedSoFar | null;
  pending_transfer_id: string | null;
  pending_points: string;
  pending_until: Date | null;
}

export async function schemeSettings(q: Query, schemeId: string): Promise<{ decimals: number; rules: PointRulesView; policy: ReturnPolicy }> {
  const [row] = await q<{ currency: string; earn_per_unit: string | null; redeem_points_per_unit: string | null; overrides: PointRulesView['overrides'] | null; return_window_seconds: number | null; return_policy: ReturnPolicy | null }>(
    `select s.currency, r.earn_per_unit, r.redeem_points_per_unit, r.overrides, r.return_window_seconds, r.return_policy
       from schemes s left join point_rules r on r.scheme_id = s.id where s.id = ?`,
    [schemeId],
  );
  if (!row) throw new NotFoundError('Scheme');
  return {
    decimals: currencyDecimals(row.currency),
    policy: row.return_policy ?? 'within_balance',
    rules: {
      earnPerUnit: String(row.earn_per_unit ?? '0'),
      redeemPointsPerUnit: String(row.redeem_points_per_unit ?? '0'),
      overrides: row.overrides ?? [],
      returnWindowSeconds: row.return_window_seconds ?? 0,
      returnPolicy: row.return_policy ?? 'within_balance',
    },
  };
}

/** The sale, locked: every return of one sale is serialised on its row. A simulation reads without locking. */
export async function lockSale(q: Query, schemeId: string, uniqueId: string, lock = true): Promise<SaleRow> {
  const [sale] = await q<SaleRow>(`select * from sales where scheme_id = ? and unique_id = ?${lock ? ' for update' : ''}`, [schemeId, uniqueId]);
  if (!sale) throw new NotFoundError('Transaction');
  return sale;
}

export function saleForReturn(sale: SaleRow, decimals: number): SaleForReturn {
  const payments = (sale.result.paymentMethods ?? []).map((p, i) => ({
    type: p.type,
    amountMinor: toMinorUnits(p.amount, decimals, `sale.paymentMethods.${i}`),
    reference: p.reference ?? null,
  }));
  return {
    uniqueId: sale.unique_id,
    customerId: sale.customer_id,
    lines: sale.lines,
    payments,
    totalMinor: payments.reduce((s, p) => s + p.amountMinor, 0n),
    pointsEarned: BigInt(sale.points_earned),
    pointsRedeemed: BigInt(sale.points_redeemed),
    returned: sale.returned ?? nothingReturned(payments.length),
    pendingPoints: sale.pending_transfer_id ? BigInt(sale.pending_points) : 0n,
    pendingTransferId: sale.pending_transfer_id,
    couponsUsed: Array.isArray(sale.request.coupons) && sale.request.coupons.length > 0,
  };
}

export async function findCustomer(q: Query, schemeId: string, who: { customerId?: string; customerBarcode?: string }): Promise<string> {
  const [row] = await q<{ id: string }>(`select id from customers where scheme_id = ? and ${who.customerId ? 'id = ?' : 'barcode = ?'}`, [schemeId, who.customerId ?? who.customerBarcode]);
  if (!row) throw new NotFoundError('Customer');
  return row.id;
}

export async function assertOutlet(q: Query, schemeId: string, outletId: string): Promise<void> {
  const [row] = await q('select 1 from outlets where scheme_id = ? and id = ? and active', [schemeId, outletId]);
  if (!row) throw new NotFoundError('Outlet');
}

/** The customer's wallet in the default account (where sales earn) and that account's system wallets. */
export async function customerWallets(q: Query, schemeId: string, customerId: string): Promise<ReturnWallets> {
  const rows = await q<{ account_id: string; kind: string; id: string }>(
    `select w.account_id, w.kind, w.id from wallets w
       join ledger_accounts a on a.id = w.account_id and a.is_default
       join ledgers l on l.id = a.ledger_id and l.is_default
      where w.scheme_id = ? and (w.customer_id = ? or w.kind in ('issuance', 'redemption', 'expiry'))`,
    [schemeId, customerId],
  );
  const of = (kind: string) => rows.find((r) => r.kind === kind);
  const customer = of('customer');
  if (!customer) throw new NotFoundError('Customer wallet');
  return {
    accountId: customer.account_id,
    customerWalletId: customer.id,
    issuanceWalletId: of('issuance')?.id as string,
    redemptionWalletId: of('redemption')?.id as string,
    expiryWalletId: of('expiry')?.id as string,
  };
}

/**
 * What expired of the points a sale earned (its lots, db/ledger/sql/lots.sql.ts); an earlier return of the sale
 * un-expired what it took back. Read under the customer wallet's lock, which every lot change holds too.
 */
export async function expiredShare(q: Query, wallets: ReturnWallets, saleUniqueId: string): Promise<bigint> {
  const [row] = await q<{ share: string }>(
    `select coalesce(sum(l.expired), 0)::text as share from point_lots l
       join transfers o on o.id = l.transfer_id left join transfers p on p.id = o.pending_id
      where l.wallet_id = ? and o.code <> 'return_readd' and ? in (o.external_id, p.external_id, o.metadata->>'saleUniqueId', p.metadata->>'saleUniqueId')`,
    [wallets.customerWalletId, saleUniqueId],
  );
  return BigInt(row?.share ?? '0');
}

/** Gift cards to refund, with the redemption wallet of each card's account (where the payment went). */
export async function giftCardWallets(q: Query, schemeId: string, amounts: Map<string, bigint>): Promise<GiftCardRefund[]> {
  if (amounts.size === 0) return [];
  const keys = [...amounts.keys()].map((code) => `giftcard:${code}`);
  const rows = await q<{ owner_key: string; wallet_id: string; account_id: string; redemption_wallet_id: string }>(
    `select w.owner_key, w.id as wallet_id, w.account_id, r.id as redemption_wallet_id
       from wallets w join wallets r on r.account_id = w.account_id and r.kind = 'redemption'
      where w.scheme_id = ? and w.kind = 'giftcard' and w.owner_key = any(?::text[])`,
    [schemeId, `{${keys.map((k) => `"${k.replace(/["\\]/g, '\\$&')}"`).join(',')}}`],
  );
  return [...amounts].map(([code, amountMinor]) => {
    const row = rows.find((r) => r.owner_key === `giftcard:${code}`);
    if (!row) throw new BusinessRuleError(`Gift card ${code} was not found`, [{ path: 'body.paymentMethods', message: code }]);
    return { code, accountId: row.account_id, walletId: row.wallet_id, redemptionWalletId: row.redemption_wallet_id, amountMinor };
  });
}

/** Locks every wallet the return's legs touch (see lockAvailable) and reads the customer's available balance. */
export async function lockWallets(q: Query, schemeId: string, ids: string[], customerWalletId: string, lock = true): Promise<bigint> {
  return (await lockAvailable(q, schemeId, ids, lock)).get(customerWalletId) as bigint;
}

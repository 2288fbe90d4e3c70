import { NotFoundError } from '../../domain/errors';
import type { PartnerCustomer, PointsAdjustment, SyncKind, SyncedReturn, SyncedSale } from '../../domain/partners/ports';
import { currencyDecimals, toMinorUnits } from '../../domain/transactions/money';
import type { Query } from '../ledger/ledger-engine';

/**
 * What a sync forwards, captured when the hub operation completes: the
 * partner sees the operation as it was, even if the customer changes later.
 */
export async function payloadFor(q: Query, schemeId: string, kind: SyncKind, key: string): Promise<{ customerId: string; payload: Record<string, unknown> }> {
  if (kind === 'customer') {
    // `<customerId>:created` or `<customerId>:<run>`: every edit is its own operation.
    const customerId = key.split(':')[0] as string;
    return { customerId, payload: { customer: await customerOf(q, schemeId, customerId) } };
  }
  if (kind === 'sale') {
    const [sale] = await q<{ customer_id: string; outlet_id: string; request: Record<string, unknown>; result: { paymentMethods?: Array<{ amount: number }> }; lines: Array<{ quantity: number }>; points_earned: string; points_redeemed: string; currency: string }>(
      `select s.customer_id, s.outlet_id, s.request, s.result, s.lines, s.points_earned, s.points_redeemed, sc.currency
         from sales s join schemes sc on sc.id = s.scheme_id where s.scheme_id = ? and s.unique_id = ?`,
      [schemeId, key],
    );
    if (!sale) throw new NotFoundError('Transaction');
    const decimals = currencyDecimals(sale.currency);
    const total = (sale.result.paymentMethods ?? []).reduce((sum, p, i) => sum + toMinorUnits(p.amount, decimals, `paymentMethods.${i}`), 0n);
    const payload: SyncedSale = {
      uniqueId: key,
      customer: await customerOf(q, schemeId, sale.customer_id),
      outletId: sale.outlet_id,
      request: sale.request,
      totalMinor: total.toString(),
      currencyDecimals: decimals,
      units: sale.lines.reduce((sum, l) => sum + (l.quantity > 0 ? l.quantity : 0), 0),
      pointsEarned: String(sale.points_earned),
      pointsRedeemed: String(sale.points_redeemed),
    };
    return { customerId: sale.customer_id, payload: payload as unknown as Record<string, unknown> };
  }
  if (kind === 'return') {
    const [ret] = await q<{ customer_id: string; kind: SyncedReturn['kind']; request: Record<string, unknown>; result: { transactionUniqueId: string | null; lines: SyncedReturn['lines']; pointsDeducted: number; pointsReadded: number } }>(
      'select customer_id, kind, request, result from returns where scheme_id = ? and unique_id = ?',
      [schemeId, key],
    );
    if (!ret) throw new NotFoundError('Return');
    const payload: SyncedReturn = {
      uniqueId: key,
      saleUniqueId: ret.result.transactionUniqueId,
      kind: ret.kind,
      customer: await customerOf(q, schemeId, ret.customer_id),
      lines: ret.result.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      request: ret.kind === 'custom' ? ret.request : null,
      pointsDeducted: String(ret.result.pointsDeducted),
      pointsReadded: String(ret.result.pointsReadded),
    };
    return { customerId: ret.customer_id, payload: payload as unknown as Record<string, unknown> };
  }
  if (kind === 'adjustment') {
    // The customer's side of the one transfer the operation posted: credited (a mint) adds, debited (a burn) takes.
    const [t] = await q<{ amount: string; description: string | null; code: string; customer_id: string; credited: boolean }>(
      `select t.amount::text as amount, t.description, t.code, coalesce(cw.customer_id, dw.customer_id) as customer_id, cw.customer_id is not null as credited
         from transfers t
         left join wallets cw on cw.id = t.credit_wallet_id and cw.kind = 'customer'
         left join wallets dw on dw.id = t.debit_wallet_id and dw.kind = 'customer'
        where t.scheme_id = ? and t.system_unique_key = ?`,
      [schemeId, key],
    );
    if (!t?.customer_id) throw new NotFoundError('Points operation');
    const payload: PointsAdjustment = {
      customer: await customerOf(q, schemeId, t.customer_id),
      points: t.credited ? t.amount : `-${t.amount}`,
      reason: t.description ?? t.code,
      idempotencyKey: key,
    };
    return { customerId: t.customer_id, payload: payload as unknown as Record<string, unknown> };
  }
  throw new NotFoundError(`Sync of ${kind}`);
}

async function customerOf(q: Query, schemeId: string, id: string): Promise<PartnerCustomer> {
  const [c] = await q<{ id: string; barcode: string | null; first_name: string | null; last_name: string | null; email: string | null; phone: string | null; status: 'ACTIVE' | 'BLOCKED' }>(
    'select id, barcode, first_name, last_name, email, phone, status from customers where scheme_id = ? and id = ?',
    [schemeId, id],
  );
  if (!c) throw new NotFoundError('Customer');
  return { id: c.id, barcode: c.barcode, firstName: c.first_name, lastName: c.last_name, email: c.email, phone: c.phone, status: c.status };
}

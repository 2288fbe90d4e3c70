import { BusinessRuleError, NotFoundError } from '../errors';
import { calculateSale, GIFT_CARD, type SaleCalculation, type SaleLine, type SalePayment } from './calculate';
import { rulesFromView, type SaleContext } from './ports';

export interface SaleRequest {
  lines: SaleLine[];
  payments: SalePayment[];
  coupons: string[];
}

/** What a found context must satisfy before a sale is priced (the same for simulate and the workflow). */
export function assertSaleContext(ctx: SaleContext | { missing: 'customer' | 'outlet' }): SaleContext {
  if ('missing' in ctx) throw new NotFoundError(ctx.missing === 'customer' ? 'Customer' : 'Outlet');
  if (ctx.customerStatus === 'BLOCKED') throw new BusinessRuleError('The customer is blocked');
  return ctx;
}

/** Prices a sale. Coupons and gift cards are refused until their issue lands, rather than ignored. */
export function priceSale(req: SaleRequest, ctx: SaleContext): SaleCalculation {
  if (req.coupons.length > 0) {
    throw new BusinessRuleError('Coupons are not supported yet', [{ path: 'body.coupons', message: 'not supported yet' }]);
  }
  if (req.payments.some((p) => p.type === GIFT_CARD)) {
    throw new BusinessRuleError('Loyale Gift Card payments are not supported yet', [{ path: 'body.paymentMethods', message: 'not supported yet' }]);
  }
  return calculateSale(req.lines, req.payments, rulesFromView(ctx.rules, ctx.currencyDecimals), BigInt(ctx.available));
}

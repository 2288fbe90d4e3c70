import { BusinessRuleError, NotFoundError } from '../errors';
import { calculateSale, GIFT_CARD, type SaleCalculation, type SaleLine, type SalePayment } from './calculate';
import { fromMinorUnits } from './money';
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

export interface GiftCardDebit {
  code: string;
  walletId: string;
  accountId: string;
  amountMinor: string;
}

export interface PricedSale {
  calc: SaleCalculation;
  giftCardDebits: GiftCardDebit[];
}

/** The gift-card codes a sale pays with, to load them before pricing. */
export function giftCardCodes(req: SaleRequest): string[] {
  return [...new Set(req.payments.filter((p) => p.type === GIFT_CARD && p.reference).map((p) => p.reference as string))];
}

/** Prices a sale. Coupons are refused until their issue lands, rather than ignored. */
export function priceSale(req: SaleRequest, ctx: SaleContext): PricedSale {
  if (req.coupons.length > 0) {
    throw new BusinessRuleError('Coupons are not supported yet', [{ path: 'body.coupons', message: 'not supported yet' }]);
  }
  const calc = calculateSale(req.lines, req.payments, rulesFromView(ctx.rules, ctx.currencyDecimals), BigInt(ctx.available));
  const spent = new Map<string, bigint>();
  for (const p of calc.payments.filter((x) => x.type === GIFT_CARD && x.amountMinor > 0n)) {
    const code = p.reference as string;
    spent.set(code, (spent.get(code) ?? 0n) + p.amountMinor);
  }
  const giftCardDebits = [...spent].map(([code, amountMinor]) => {
    const card = ctx.giftCards[code];
    if (!card) throw new BusinessRuleError(`Gift card ${code} was not found`, [{ path: 'body.paymentMethods', message: code }]);
    if (BigInt(card.available) < amountMinor) {
      throw new BusinessRuleError(
        `Gift card ${code} does not have enough balance. Required: ${fromMinorUnits(amountMinor, card.decimals)} Current: ${fromMinorUnits(BigInt(card.available), card.decimals)}`,
      );
    }
    return { code, walletId: card.walletId, accountId: card.accountId, amountMinor: amountMinor.toString() };
  });
  return { calc, giftCardDebits };
}

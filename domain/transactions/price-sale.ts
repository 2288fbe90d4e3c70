import { bookRefusal } from '../coupon-books/book';
import { own } from '../own';
import { BusinessRuleError, NotFoundError } from '../errors';
import { calculateSale, GIFT_CARD, type SaleCalculation, type SaleLine, type SalePayment } from './calculate';
import { fromMinorUnits } from './money';
import { rulesFromView, type Coupon, type SaleContext } from './ports';

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

/** What the coupon rules need to judge one coupon: who would use it (undefined: nobody named yet), when, and for which sale. */
export interface CouponUse {
  customerId?: string;
  now: string;
  saleUniqueId: string | null;
  /** The customer's tier id (null: none); undefined when no customer is named, so a book's tiers are not judged. */
  tierId?: string | null;
}

/**
 * Why a coupon cannot be used, or null when it can: unused (or used by this
 * very sale, on a retry), within its validity and, if assigned and a customer
 * is named, that customer's. The one rule the sale and the till's coupon
 * look-up (Loyale's Get Coupon Information) both apply.
 */
export function couponRefusal(c: Coupon, use: CouponUse): string | null {
  const now = new Date(use.now).getTime();
  if (c.usedBy !== null && c.usedBy !== use.saleUniqueId) return 'was already used';
  if (c.customerId !== null && use.customerId !== undefined && c.customerId !== use.customerId) return 'belongs to another customer';
  if (c.validFrom !== null && now < new Date(c.validFrom).getTime()) return 'is not valid yet';
  if (c.validTo !== null && now > new Date(c.validTo).getTime()) return 'has expired';
  if (c.book) {
    // A book code reaches a till after it was handed to its member (assigned, or used through the book).
    if (c.customerId === null && use.customerId !== undefined) return 'is from a coupon book and not assigned to a member';
    const { status, validFrom, validTo, tiers } = c.book;
    const why = bookRefusal({ publishingStatus: status, validFrom, validTo, tiers: use.tierId === undefined ? [] : tiers }, { now: use.now, tierId: use.tierId ?? null });
    if (why) return `is from a coupon book that ${why}`;
  }
  return null;
}

/** Every coupon a sale names must exist in the scheme and pass `couponRefusal` for the sale's customer. */
export function assertCoupons(codes: string[], ctx: SaleContext, saleUniqueId: string | null): void {
  for (const code of new Set(codes)) {
    const c = own(ctx.coupons, code);
    const why = c ? couponRefusal(c, { customerId: ctx.customerId, now: ctx.now, saleUniqueId, tierId: ctx.tier?.id ?? null }) : 'does not exist';
    if (why) throw new BusinessRuleError(`Coupon ${code} ${why}`, [{ path: 'body.coupons', message: code }]);
  }
}

/** Prices a sale (the same for simulate and the workflow). */
export function priceSale(req: SaleRequest, ctx: SaleContext, saleUniqueId: string | null = null): PricedSale {
  assertCoupons(req.coupons, ctx, saleUniqueId);
  const calc = calculateSale(req.lines, req.payments, rulesFromView(ctx.rules, ctx.currencyDecimals, ctx.tier?.earnMultiplierPercent), BigInt(ctx.available));
  const spent = new Map<string, bigint>();
  for (const p of calc.payments.filter((x) => x.type === GIFT_CARD && x.amountMinor > 0n)) {
    const code = p.reference as string;
    spent.set(code, (spent.get(code) ?? 0n) + p.amountMinor);
  }
  const giftCardDebits = [...spent].map(([code, amountMinor]) => {
    const card = own(ctx.giftCards, code);
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

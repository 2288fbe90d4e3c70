import type { Customer } from '../../domain/customer';
import { NotFoundError } from '../../domain/errors';
import type { LotPort } from '../../domain/ledger/lots';
import { own } from '../../domain/own';
import type { CustomerRepository, LedgerPort, LedgerRepository, SchemeRepository } from '../../domain/ports';
import type { TierPort } from '../../domain/tiers/ports';
import { currencyDecimals, fromMinorUnits } from '../../domain/transactions/money';
import type { CouponRepository, GiftCardRepository, PointRulesRepository } from '../../domain/transactions/ports';
import { couponRefusal } from '../../domain/transactions/price-sale';
import { ok, type Handlers } from '../endpoints/endpoint';
import type { loyalePosEndpoints } from '../endpoints/loyale-pos';
import { schemeOf } from '../middleware/auth';
import { findCustomer } from './customer-points';
import { defaultLevel, loyaleCustomer, loyaleLevel, monetaryValue, pointBalance } from './loyale-views';

export interface LoyalePosHandlerDeps {
  schemes: SchemeRepository;
  customers: CustomerRepository;
  ledger: Pick<LedgerPort, 'defaultAccount'>;
  ledgers: Pick<LedgerRepository, 'customerWallets'>;
  lots: Pick<LotPort, 'expiring'>;
  tiers: TierPort;
  pointRules: PointRulesRepository;
  coupons: CouponRepository;
  giftCards: Pick<GiftCardRepository, 'heldBy'>;
}

/** How a till names a customer: exactly one of these (the query schema says so). */
interface Who {
  barcode?: string;
  customerId?: string;
  email?: string;
  phoneNumber?: string;
}

export function loyalePosHandlers(deps: LoyalePosHandlerDeps): Handlers<typeof loyalePosEndpoints> {
  const { customers, tiers } = deps;
  const decimalsOf = (locals: { auth?: { currency: string } }) => currencyDecimals(locals.auth?.currency);

  /** Scoped by scheme: another scheme's customer is indistinguishable from none. */
  const find = (schemeId: string, who: Who): Promise<Customer> => findCustomer(customers, schemeId, { id: who.customerId, barcode: who.barcode, email: who.email, phone: who.phoneNumber });

  /** The customer's wallet in the scheme's default account: the points Loyale's balance means. */
  const defaultWallet = async (schemeId: string, customerId: string) => {
    const [{ accountId }, wallets] = await Promise.all([deps.ledger.defaultAccount(schemeId), deps.ledgers.customerWallets(schemeId, customerId)]);
    return wallets.find((w) => w.accountId === accountId);
  };

  /** The customer's level: its tier's, the default level when the scheme has no tiers, else none. */
  const levelOf = async (schemeId: string, customerId: string) => {
    const found = await tiers.customerTier(schemeId, customerId);
    if (found?.tier) return loyaleLevel(schemeId, found.tier);
    return (await tiers.list(schemeId, { limit: 1 })).data.length === 0 ? defaultLevel(schemeId) : null;
  };

  return {
    async loyaleGetUserInformation({ query, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await find(schemeId, query);
      const [wallet, rules, level, card] = await Promise.all([defaultWallet(schemeId, customer.id), deps.pointRules.get(schemeId), levelOf(schemeId, customer.id), deps.giftCards.heldBy(schemeId, customer.id)]);
      // Stored value: the gift card the customer's top-ups made theirs (TopUp with value).
      const storedValue = card ? { reference: card.code, balance: fromMinorUnits(BigInt(card.available), card.decimals) } : null;
      return ok({ ...loyaleCustomer(customer), pointBalance: pointBalance(wallet, rules, decimalsOf(res.locals)), level, storedValue });
    },

    async loyaleGetCouponInformation({ query: { barcode, customerId }, res }) {
      const schemeId = schemeOf(res.locals);
      const coupon = own(await deps.coupons.find(schemeId, [barcode]), barcode);
      if (!coupon) throw new NotFoundError('Coupon');
      if (customerId) await find(schemeId, { customerId });
      const why = couponRefusal(coupon, { customerId, now: new Date().toISOString(), saleUniqueId: null });
      // amount_off is kept in minor units; Loyale's clients read money in major units.
      const value = coupon.type === 'amount_off' ? fromMinorUnits(BigInt(coupon.value), decimalsOf(res.locals)) : coupon.value;
      const { code, type, validFrom, validTo, usedAt } = coupon;
      return ok({ barcode: code, type, value, customerId: coupon.customerId, validFrom, validTo, used: usedAt !== null, usedDate: usedAt, usable: why === null, ...(why ? { reason: `Coupon ${code} ${why}` } : {}) });
    },

    async loyaleListUpdatedCustomers({ query: { from, limit, cursor }, res }) {
      const page = await customers.updatedSince(schemeOf(res.locals), from, { limit, cursor });
      if (page.nextCursor) res.set('X-Next-Cursor', page.nextCursor);
      return ok(page.data.map((c) => ({ ...loyaleCustomer(c), points: Number(c.points) })));
    },

    async loyaleGetPointBalance({ params: { customerId }, res }) {
      const schemeId = schemeOf(res.locals);
      await find(schemeId, { customerId });
      const [wallet, rules] = await Promise.all([defaultWallet(schemeId, customerId), deps.pointRules.get(schemeId)]);
      const expiring = wallet ? ((await deps.lots.expiring([wallet.walletId], 3)).get(wallet.walletId) ?? []) : [];
      const { available, pending, held } = pointBalance(wallet, rules, decimalsOf(res.locals));
      return ok({
        customerId,
        schemeId,
        pointsValue: available,
        pending,
        held,
        monetaryValue: monetaryValue(BigInt(available), rules, decimalsOf(res.locals)),
        expiring: expiring.map((e) => ({ points: Number(e.amount), date: e.expiresAt })),
      });
    },

    async loyaleGetGainRate({ query: { customerId }, res }) {
      const schemeId = schemeOf(res.locals);
      const tier = customerId ? await tiers.customerTier(schemeId, customerId) : null;
      if (customerId && !tier) throw new NotFoundError('Customer');
      const percent = BigInt(tier?.tier?.earnMultiplierPercent ?? 100);
      const multiplier = Number(percent) / 100;
      const rules = await deps.pointRules.get(schemeId);
      // In integers, then one division: 6 × 115 % is 6.9, not 6.8999999999999995.
      const rate = (r: string) => ({ gainRate: Number(r), effectiveGainRate: Number(BigInt(r) * percent) / 100 });
      return ok({
        schemeId,
        currency: res.locals.auth?.currency ?? '',
        ...rate(rules.earnPerUnit),
        redeemRate: Number(rules.redeemPointsPerUnit),
        levelMultiplier: multiplier,
        overrides: rules.overrides.map((o) => ({ match: o.match, value: o.value, ...rate(o.earnPerUnit) })),
      });
    },

    async loyaleGetScheme({ params: { id }, res }) {
      const schemeId = schemeOf(res.locals);
      // A key reads its own scheme only: any other id, existing or not, is the same 404.
      const scheme = id.toLowerCase() === schemeId ? await deps.schemes.findById(schemeId) : null;
      if (!scheme) throw new NotFoundError('Scheme');
      return ok({ id: scheme.id, name: scheme.name, currency: scheme.currency, timeZone: scheme.timeZone, createdDate: scheme.createdAt });
    },
  };
}

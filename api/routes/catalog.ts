import { own } from '../../domain/own';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { MAX_AMOUNT } from '../../domain/ledger/amount';
import { fromMinorUnits, toMinorUnits } from '../../domain/transactions/money';
import type { CouponRepository, GiftCard, GiftCardRepository, OutletRepository, SalesRepository } from '../../domain/transactions/ports';
import type { catalogEndpoints } from '../endpoints/catalog';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import { schemeOf } from '../middleware/auth';

export interface CatalogHandlerDeps {
  outlets: OutletRepository;
  giftCards: GiftCardRepository;
  coupons: CouponRepository;
  sales: SalesRepository;
}

const giftCardView = (card: GiftCard) => ({ code: card.code, walletId: card.walletId, balance: fromMinorUnits(BigInt(card.available), card.decimals), balanceMinor: card.available, holderId: card.holderId ?? null });

export function catalogHandlers({ outlets, giftCards, coupons, sales }: CatalogHandlerDeps): Handlers<typeof catalogEndpoints> {
  return {
    listOutlets: async ({ query, res }) => ok(await outlets.list(schemeOf(res.locals), query)),
    createOutlet: async ({ body: { name }, res }) => created(await outlets.create(schemeOf(res.locals), name)),

    // Paying with a gift card is a "Loyale Gift Card" payment method of a sale.
    async createGiftCard({ body, res }) {
      const schemeId = schemeOf(res.locals);
      const decimals = await sales.currencyDecimals(schemeId);
      const amountMinor = toMinorUnits(body.amount, decimals, 'body.amount');
      if (amountMinor <= 0n || amountMinor > MAX_AMOUNT) throw new ValidationError('Invalid gift card amount', [{ path: 'body.amount', message: `must be above 0 and at most ${MAX_AMOUNT} minor units` }]);
      return created(giftCardView(await giftCards.issue(schemeId, { code: body.code, amountMinor, decimals })));
    },

    async getGiftCard({ params: { code }, res }) {
      const card = own(await giftCards.find(schemeOf(res.locals), [code]), code);
      if (!card) throw new NotFoundError('Gift card');
      return ok(giftCardView(card));
    },

    // A till sends coupons with a sale, which validates and consumes them.
    createCoupon: async ({ body, res }) => created(await coupons.create(schemeOf(res.locals), body)),

    async getCoupon({ params: { code }, res }) {
      const coupon = own(await coupons.find(schemeOf(res.locals), [code]), code);
      if (!coupon) throw new NotFoundError('Coupon');
      return ok(coupon);
    },
  };
}

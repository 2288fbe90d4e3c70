import { Router, type RequestHandler } from 'express';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { MAX_AMOUNT } from '../../domain/ledger/amount';
import { fromMinorUnits, toMinorUnits } from '../../domain/transactions/money';
import type { GiftCard, GiftCardRepository, SalesRepository } from '../../domain/transactions/ports';
import { schemeOf } from '../middleware/auth';
import { GiftCardBody, GiftCardParams } from '../schemas/gift-cards';
import { parse } from '../validation';

const view = (card: GiftCard) => ({ code: card.code, walletId: card.walletId, balance: fromMinorUnits(BigInt(card.available), card.decimals), balanceMinor: card.available });

/** Gift cards: issue with a value, read the balance; paying with one is a "Loyale Gift Card" payment method. */
export function giftCardsRouter(auth: RequestHandler, giftCards: GiftCardRepository, sales: SalesRepository): Router {
  const router = Router();

  router.post('/v1/gift-cards', auth, async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const body = parse(GiftCardBody, req.body, 'body');
    const decimals = await sales.currencyDecimals(schemeId);
    const amountMinor = toMinorUnits(body.amount, decimals, 'body.amount');
    if (amountMinor <= 0n || amountMinor > MAX_AMOUNT) throw new ValidationError('Invalid gift card amount', [{ path: 'body.amount', message: `must be above 0 and at most ${MAX_AMOUNT} minor units` }]);
    res.status(201).json(view(await giftCards.issue(schemeId, { code: body.code, amountMinor, decimals })));
  });

  router.get('/v1/gift-cards/:code', auth, async (req, res) => {
    const { code } = parse(GiftCardParams, req.params, 'params');
    const card = (await giftCards.find(schemeOf(res.locals), [code]))[code];
    if (!card) throw new NotFoundError('Gift card');
    res.json(view(card));
  });

  return router;
}

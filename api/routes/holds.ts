import { Router, type RequestHandler } from 'express';
import { NotFoundError } from '../../domain/errors';
import { precheckSale, REDEMPTION } from '../../domain/transactions/calculate';
import { currencyDecimals, toMinorUnits } from '../../domain/transactions/money';
import type { HoldView } from '../../workflows/contracts/holds';
import { schemeOf } from '../middleware/auth';
import type { HoldWorkflows } from '../ports';
import { HoldBody, HoldParams, RedeemBody } from '../schemas/holds';
import { parse } from '../validation';
import { posIdentity, statusUrl } from './pos-identity';

/** What a POS sees of a hold (the request hash and ledger ids stay inside). */
const show = ({ requestHash: _hash, pendingTransferId: _pending, sale: _sale, ...view }: HoldView) => view;

/**
 * On-hold transactions (Loyale External POS "OnHold"): reserve points, then
 * redeem or remove them; the hold expires by itself if the POS never comes back.
 */
export function holdsRouter(auth: RequestHandler, holds: HoldWorkflows): Router {
  const router = Router();

  const create: RequestHandler = async (req, res) => {
    const body = parse(HoldBody, req.body, 'body');
    // What needs no database (the amount's decimals) is refused before any workflow starts.
    if (body.amount !== undefined) toMinorUnits(body.amount, currencyDecimals(res.locals.auth?.currency), 'body.amount');
    const { uniqueId, requestHash, meaning } = posIdentity(body);
    const view = await holds.placeHold({ schemeId: schemeOf(res.locals), uniqueId, requestHash, ...meaning }, res.locals);
    res.status(201).json(show(view));
  };
  router.post('/v1/transactions/on-hold', auth, create);
  router.post('/api/ExternalPos/OnHold', auth, create);

  router.get('/v1/transactions/on-hold/:holdId', auth, async (req, res) => {
    const { holdId } = parse(HoldParams, req.params, 'params');
    const view = await holds.holdState(schemeOf(res.locals), holdId);
    if (!view) throw new NotFoundError('Hold');
    res.json(show(view));
  });

  const redeem: RequestHandler = async (req, res) => {
    const { holdId } = parse(HoldParams, req.params, 'params');
    const body = parse(RedeemBody, req.body, 'body');
    // The sale's shape (prices, decimals, sums) is checked here; the held points pay as a redemption without amount.
    if (body.lineItems) precheckSale(body.lineItems, [...(body.paymentMethods ?? []).filter((p) => p.type !== REDEMPTION), { type: REDEMPTION }], currencyDecimals(res.locals.auth?.currency));
    const sale = body.lineItems
      ? {
          lines: body.lineItems,
          payments: body.paymentMethods ?? [],
          statusUrl: statusUrl(req, holdId),
          request: body as Record<string, unknown>,
        }
      : undefined;
    const view = await holds.redeemHold(schemeOf(res.locals), holdId, { points: body.points, sale }, res.locals);
    // With the sale, the POS gets the transaction result, as from POST /v1/transactions.
    res.json(sale && view.sale ? view.sale : show(view));
  };
  router.post('/v1/transactions/on-hold/:holdId/redeem', auth, redeem);
  router.post('/api/ExternalPos/OnHold/:holdId/Redeem', auth, redeem);

  const remove: RequestHandler = async (req, res) => {
    const { holdId } = parse(HoldParams, req.params, 'params');
    res.json(show(await holds.removeHold(schemeOf(res.locals), holdId, res.locals)));
  };
  router.delete('/v1/transactions/on-hold/:holdId', auth, remove);
  router.delete('/api/ExternalPos/OnHold/:holdId', auth, remove);

  return router;
}

import { NotFoundError } from '../../domain/errors';
import { precheckSale, REDEMPTION } from '../../domain/transactions/calculate';
import { currencyDecimals, toMinorUnits } from '../../domain/transactions/money';
import type { HoldView } from '../../workflows/contracts/holds';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { holdEndpoints } from '../endpoints/holds';
import { schemeOf } from '../middleware/auth';
import type { HoldWorkflows } from '../ports';
import { saleResultOut } from '../points-wire';
import { posIdentity, statusUrl } from './pos-identity';

/** What a POS sees of a hold (the request hash and ledger ids stay inside). */
const show = ({ requestHash: _hash, pendingTransferId: _pending, sale: _sale, ...view }: HoldView) => view;

export function holdHandlers(holds: HoldWorkflows): Handlers<typeof holdEndpoints> {
  return {
    async placeHold({ body, res }) {
      // What needs no database (the amount's decimals) is refused before any workflow starts.
      if (body.amount !== undefined) toMinorUnits(body.amount, currencyDecimals(res.locals.auth?.currency), 'body.amount');
      const { uniqueId, requestHash, meaning } = posIdentity(body);
      return created(show(await holds.placeHold({ schemeId: schemeOf(res.locals), uniqueId, requestHash, ...meaning }, res.locals)));
    },

    async getHold({ params: { holdId }, res }) {
      const view = await holds.holdState(schemeOf(res.locals), holdId);
      if (!view) throw new NotFoundError('Hold');
      return ok(show(view));
    },

    async redeemHold({ params: { holdId }, body, req, res, dialect }) {
      // The sale's shape (prices, decimals, sums) is checked here; the held points pay as a redemption without amount.
      if (body.lineItems) precheckSale(body.lineItems, [...(body.paymentMethods ?? []).filter((p) => p.type !== REDEMPTION), { type: REDEMPTION }], currencyDecimals(res.locals.auth?.currency));
      const sale = body.lineItems ? { lines: body.lineItems, payments: body.paymentMethods ?? [], statusUrl: statusUrl(req, holdId), request: body as Record<string, unknown> } : undefined;
      const view = await holds.redeemHold(schemeOf(res.locals), holdId, { points: body.points, sale }, res.locals);
      // With the sale, the POS gets the transaction result, as from POST /v1/transactions.
      return ok(sale && view.sale ? saleResultOut(view.sale, dialect) : show(view));
    },

    async removeHold({ params: { holdId }, res }) {
      return ok(show(await holds.removeHold(schemeOf(res.locals), holdId, res.locals)));
    },
  };
}

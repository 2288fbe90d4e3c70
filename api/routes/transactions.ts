import { Router, type RequestHandler } from 'express';
import { NotFoundError } from '../../domain/errors';
import { precheckSale } from '../../domain/transactions/calculate';
import { currencyDecimals } from '../../domain/transactions/money';
import { assertSaleContext, giftCardCodes, priceSale, type SaleRequest } from '../../domain/transactions/price-sale';
import type { SalesRepository } from '../../domain/transactions/ports';
import type { ReturnsRepository } from '../../domain/returns/ports';
import { saleResult } from '../../domain/transactions/sale-result';
import { schemeOf } from '../middleware/auth';
import type { SaleWorkflows } from '../ports';
import { IdParam } from '../schemas/common';
import { OffsetQuery } from '../schemas/ledger';
import { SaleBody, SimulateQuery, UniqueIdParam } from '../schemas/transactions';
import { parse } from '../validation';
import { posIdentity, statusUrl } from './pos-identity';

/**
 * POS sales, at the hub's paths and at Loyale's (`/api/Transaction`), so a
 * Loyale POS switches by changing its base URL.
 */
export function transactionsRouter(auth: RequestHandler, sales: SalesRepository, returns: ReturnsRepository, workflows: SaleWorkflows): Router {
  const router = Router();

  const post: RequestHandler = async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const { simulate } = parse(SimulateQuery, req.query, 'query');
    const body = parse(SaleBody, req.body, 'body');
    const sale: SaleRequest = { lines: body.lineItems, payments: body.paymentMethods ?? [], coupons: body.coupons ?? [] };
    const who = { customerId: body.customerId, customerBarcode: body.customerBarcode };

    if (simulate === 'true') {
      // The same pure calculation the workflow runs; nothing is posted or recorded.
      const ctx = assertSaleContext(await sales.context(schemeId, who, body.outletId, giftCardCodes(sale), sale.coupons));
      const { calc } = priceSale(sale, ctx);
      const uniqueId = body.uniqueId ?? 'simulation';
      res.json(saleResult(calc, { customerId: ctx.customerId, available: BigInt(ctx.available), decimals: ctx.currencyDecimals, uniqueId, statusUrl: statusUrl(req, uniqueId), status: 'SIMULATED' }));
      return;
    }

    // What needs no database is refused before any workflow starts (same checks, same messages).
    precheckSale(sale.lines, sale.payments, currencyDecimals(res.locals.auth?.currency));
    const { uniqueId, requestHash } = posIdentity(body);
    const input = { schemeId, uniqueId, requestHash, ...who, outletId: body.outletId, sale, statusUrl: statusUrl(req, uniqueId), request: body as Record<string, unknown> };
    const result = await workflows.recordSale(input, res.locals);
    if (!result) {
      res.status(202).json({ status: 'RECEIVED', uniqueId, statusUrl: input.statusUrl });
      return;
    }
    res.status(201).json(result);
  };
  router.post('/v1/transactions', auth, post);
  router.post('/api/Transaction', auth, post);

  const status: RequestHandler = async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const { uniqueId } = parse(UniqueIdParam, req.params, 'params');
    const stored = await sales.get(schemeId, uniqueId);
    if (stored) {
      res.json(stored.result);
      return;
    }
    const state = await workflows.saleStatus(schemeId, uniqueId);
    if (!state) throw new NotFoundError('Transaction');
    res.json({ ...state, uniqueId, statusUrl: statusUrl(req, uniqueId) });
  };
  router.get('/v1/transactions/status/:uniqueId', auth, status);
  router.get('/api/transaction/status/:uniqueId', auth, status);

  router.get('/v1/transactions/:uniqueId', auth, async (req, res) => {
    const { uniqueId } = parse(UniqueIdParam, req.params, 'params');
    const schemeId = schemeOf(res.locals);
    const stored = await sales.get(schemeId, uniqueId);
    if (!stored) throw new NotFoundError('Transaction');
    const { requestHash: _hash, ...sale } = stored;
    const returned = await returns.forSale(schemeId, uniqueId);
    res.json({ ...sale, ...returned });
  });

  router.get('/v1/customers/:id/transactions', auth, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const { page, limit } = parse(OffsetQuery, req.query, 'query');
    const found = await sales.listForCustomer(schemeOf(res.locals), id, page, limit);
    if (!found) throw new NotFoundError('Customer');
    res.json(found);
  });

  return router;
}

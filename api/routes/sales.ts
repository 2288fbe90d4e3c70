import { NotFoundError } from '../../domain/errors';
import type { ReturnsRepository } from '../../domain/returns/ports';
import { precheckSale } from '../../domain/transactions/calculate';
import { currencyDecimals } from '../../domain/transactions/money';
import { assertSaleContext, giftCardCodes, priceSale, type SaleRequest } from '../../domain/transactions/price-sale';
import type { SalesRepository } from '../../domain/transactions/ports';
import { saleResult, type SaleResult } from '../../domain/transactions/sale-result';
import { accepted, created, ok, type Handlers } from '../endpoints/endpoint';
import type { saleEndpoints } from '../endpoints/sales';
import { schemeOf } from '../middleware/auth';
import type { SaleWorkflows } from '../ports';
import { returnResultOut, saleResultOut, storedSaleOut } from '../points-wire';
import { posIdentity, statusUrl } from './pos-identity';

export function saleHandlers(sales: SalesRepository, returns: ReturnsRepository, workflows: SaleWorkflows): Handlers<typeof saleEndpoints> {
  return {
    async postSale({ query: { simulate }, body, req, res, dialect }) {
      const schemeId = schemeOf(res.locals);
      const sale: SaleRequest = { lines: body.lineItems, payments: body.paymentMethods ?? [], coupons: body.coupons ?? [] };
      const who = { customerId: body.customerId, customerBarcode: body.customerBarcode };

      if (simulate === 'true') {
        // The same pure calculation the workflow runs; nothing is posted or recorded.
        const ctx = assertSaleContext(await sales.context(schemeId, who, body.outletId, giftCardCodes(sale), sale.coupons));
        const { calc } = priceSale(sale, ctx);
        const uniqueId = body.uniqueId ?? 'simulation';
        const result = saleResult(calc, { customerId: ctx.customerId, available: BigInt(ctx.available), decimals: ctx.currencyDecimals, uniqueId, statusUrl: statusUrl(req, uniqueId), status: 'SIMULATED', tier: ctx.tier ?? null });
        return ok(saleResultOut(result, dialect));
      }

      // What needs no database is refused before any workflow starts (same checks, same messages).
      precheckSale(sale.lines, sale.payments, currencyDecimals(res.locals.auth?.currency));
      const { uniqueId, requestHash } = posIdentity(body);
      const input = { schemeId, uniqueId, requestHash, ...who, outletId: body.outletId, sale, statusUrl: statusUrl(req, uniqueId), request: body as Record<string, unknown> };
      const result = await workflows.recordSale(input, res.locals);
      return result ? created(saleResultOut(result, dialect)) : accepted({ status: 'RECEIVED', uniqueId, statusUrl: input.statusUrl });
    },

    async getSaleStatus({ params: { uniqueId }, req, res, dialect }) {
      const schemeId = schemeOf(res.locals);
      const stored = await sales.get(schemeId, uniqueId);
      if (stored) return ok(saleResultOut(stored.result as unknown as SaleResult, dialect));
      const state = await workflows.saleStatus(schemeId, uniqueId);
      if (!state) throw new NotFoundError('Transaction');
      return ok({ ...state, uniqueId, statusUrl: statusUrl(req, uniqueId) });
    },

    async getSale({ params: { uniqueId }, res }) {
      const schemeId = schemeOf(res.locals);
      const stored = await sales.get(schemeId, uniqueId);
      if (!stored) throw new NotFoundError('Transaction');
      const { requestHash: _hash, ...sale } = stored;
      const returned = await returns.forSale(schemeId, uniqueId);
      const returnsOut = returned && { ...returned, returns: returned.returns.map((r) => ({ ...r, result: returnResultOut(r.result) })) };
      return ok({ ...storedSaleOut(sale), ...returnsOut });
    },

    async listCustomerSales({ params: { id }, query, res }) {
      const found = await sales.listForCustomer(schemeOf(res.locals), id, query);
      if (!found) throw new NotFoundError('Customer');
      return ok({ ...found, data: found.data.map(storedSaleOut) });
    },
  };
}

import { createHash } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { canonicalJson } from '../../domain/canonical-json';
import { precheckCustomReturn } from '../../domain/returns/custom-return';
import { currencyDecimals } from '../../domain/transactions/money';
import type { ReturnRequest, ReturnStore } from '../../domain/returns/ports';
import { processReturn } from '../../domain/returns/process-return';
import type { ReturnKind, ReturnSelection } from '../../domain/returns/types';
import { schemeOf } from '../middleware/auth';
import type { ReturnWorkflows } from '../ports';
import { FullReturnBody, LineItemReturnBody } from '../schemas/returns';
import { SaleBody, SimulateQuery, UniqueIdParam } from '../schemas/transactions';
import { parse } from '../validation';

/**
 * The identity of a return: its hash covers what is returned and from which
 * sale, so a uniqueId reused for something else is refused. Without a
 * uniqueId the hash names it: an identical request is a retry, not a second return.
 */
function identity(kind: ReturnKind, saleUniqueId: string | null, body: { uniqueId?: string } & Record<string, unknown>) {
  const { uniqueId, ...meaning } = body;
  const requestHash = createHash('sha256').update(canonicalJson({ kind, saleUniqueId, meaning })).digest('hex');
  return { uniqueId: uniqueId ?? `return-${requestHash.slice(0, 40)}`, requestHash };
}

/** Full, line-item and custom returns, at the hub's paths and at Loyale's. */
export function returnsRouter(auth: RequestHandler, returnStore: ReturnStore, workflows: ReturnWorkflows): Router {
  const router = Router();

  const submit = async (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], request: Omit<ReturnRequest, 'schemeId'>) => {
    const full = { ...request, schemeId: schemeOf(res.locals) };
    if (parse(SimulateQuery, req.query, 'query').simulate === 'true') {
      // The same rules on the same locked state; nothing is posted or recorded.
      res.json(await processReturn(returnStore, full, 'simulate'));
      return;
    }
    res.status(201).json(await workflows.returnSale(full, res.locals));
  };

  const ofSale = (kind: 'full' | 'line_item', selection: (body: unknown) => { uniqueId?: string; selection: ReturnSelection; meaning: Record<string, unknown> }): RequestHandler =>
    async (req, res) => {
      const { uniqueId: saleUniqueId } = parse(UniqueIdParam, req.params, 'params');
      const s = selection(req.body ?? {});
      const id = identity(kind, saleUniqueId, { ...s.meaning, uniqueId: s.uniqueId });
      await submit(req, res, { ...id, kind, saleUniqueId, selection: s.selection, custom: null, request: { ...s.meaning, ...(s.uniqueId ? { uniqueId: s.uniqueId } : {}) } });
    };

  const full = ofSale('full', (body) => {
    const { uniqueId } = parse(FullReturnBody, body, 'body');
    return { uniqueId, selection: { kind: 'full' }, meaning: {} };
  });
  const lineItem = ofSale('line_item', (body) => {
    const { uniqueId, lines } = parse(LineItemReturnBody, body, 'body');
    return { uniqueId, selection: { kind: 'line_item', lines }, meaning: { lines } };
  });
  router.post('/v1/transactions/:uniqueId/returns/full', auth, full);
  router.post('/api/Transaction/Return/Full/:uniqueId', auth, full);
  router.post('/v1/transactions/:uniqueId/returns/line-item', auth, lineItem);
  router.post('/api/Transaction/Return/LineItem/:uniqueId', auth, lineItem);

  const custom: RequestHandler = async (req, res) => {
    const body = parse(SaleBody, req.body, 'body');
    // What needs no database is refused before any workflow starts.
    precheckCustomReturn(body.lineItems, body.paymentMethods ?? [], currencyDecimals(res.locals.auth?.currency));
    const id = identity('custom', null, body as Record<string, unknown>);
    await submit(req, res, {
      ...id,
      kind: 'custom',
      saleUniqueId: null,
      selection: null,
      custom: { customerId: body.customerId, customerBarcode: body.customerBarcode, outletId: body.outletId, lines: body.lineItems, payments: body.paymentMethods ?? [] },
      request: body as Record<string, unknown>,
    });
  };
  router.post('/v1/transactions/returns/custom', auth, custom);
  router.post('/api/Transaction/Return/Custom', auth, custom);

  return router;
}

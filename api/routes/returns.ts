import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { canonicalJson } from '../../domain/canonical-json';
import { precheckCustomReturn } from '../../domain/returns/custom-return';
import type { ReturnRequest, ReturnStore } from '../../domain/returns/ports';
import { processReturn } from '../../domain/returns/process-return';
import type { ReturnKind } from '../../domain/returns/types';
import { currencyDecimals } from '../../domain/transactions/money';
import { created, ok, type Handlers, type Reply } from '../endpoints/endpoint';
import type { returnEndpoints } from '../endpoints/returns';
import { schemeOf } from '../middleware/auth';
import type { ReturnWorkflows } from '../ports';
import type { Dialect } from '../dialects';
import { returnResultOut } from '../points-wire';

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

export function returnHandlers(returnStore: ReturnStore, workflows: ReturnWorkflows): Handlers<typeof returnEndpoints> {
  const submit = async (res: Response, dialect: Dialect, simulate: string | undefined, request: Omit<ReturnRequest, 'schemeId'>): Promise<Reply> => {
    const full = { ...request, schemeId: schemeOf(res.locals) };
    // Simulated: the same rules on the same locked state; nothing is posted or recorded.
    if (simulate === 'true') return ok(returnResultOut(await processReturn(returnStore, full, 'simulate'), dialect));
    return created(returnResultOut(await workflows.returnSale(full, res.locals), dialect));
  };

  return {
    async returnSaleFully({ params: { uniqueId: saleUniqueId }, query: { simulate }, body: { uniqueId }, res, dialect }) {
      const id = identity('full', saleUniqueId, { uniqueId });
      return submit(res, dialect, simulate, { ...id, kind: 'full', saleUniqueId, selection: { kind: 'full' }, custom: null, request: uniqueId ? { uniqueId } : {} });
    },

    async returnSaleLines({ params: { uniqueId: saleUniqueId }, query: { simulate }, body: { uniqueId, lines }, res, dialect }) {
      const id = identity('line_item', saleUniqueId, { lines, uniqueId });
      return submit(res, dialect, simulate, { ...id, kind: 'line_item', saleUniqueId, selection: { kind: 'line_item', lines }, custom: null, request: { lines, ...(uniqueId ? { uniqueId } : {}) } });
    },

    async returnCustom({ query: { simulate }, body, res, dialect }) {
      // What needs no database is refused before any workflow starts.
      precheckCustomReturn(body.lineItems, body.paymentMethods ?? [], currencyDecimals(res.locals.auth?.currency));
      const id = identity('custom', null, body as Record<string, unknown>);
      return submit(res, dialect, simulate, {
        ...id,
        kind: 'custom',
        saleUniqueId: null,
        selection: null,
        custom: { customerId: body.customerId, customerBarcode: body.customerBarcode, outletId: body.outletId, lines: body.lineItems, payments: body.paymentMethods ?? [] },
        request: body as Record<string, unknown>,
      });
    },
  };
}

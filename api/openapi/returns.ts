import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { SchemeHeaders } from '../schemas/common';
import { FullReturnBody, LineItemReturnBody, ReturnResultView } from '../schemas/returns';
import { SaleBody, SimulateQuery, UniqueIdParam } from '../schemas/transactions';
import { errors, json, schemeSecurity, error } from './responses';

export function registerReturnPaths(registry: OpenAPIRegistry): void {
  const c = { tags: ['returns'], security: schemeSecurity };
  const responses = {
    200: json('Simulated (nothing posted)', ReturnResultView),
    201: json('Returned (a repeat of the same return answers the first result)', ReturnResultView),
    ...errors,
    409: error('Already returned: a second full return, more units than remain, or a uniqueId used for another return'),
    422: error('Business rule (SKU not in the transaction, unknown gift card, …)'),
  };
  const routes = [
    { v1: '/v1/transactions/{uniqueId}/returns/full', alias: '/api/Transaction/Return/Full/{uniqueId}', schema: FullReturnBody, summary: "Return everything not yet returned; earned points come back from the original sale's recorded per-line points" },
    { v1: '/v1/transactions/{uniqueId}/returns/line-item', alias: '/api/Transaction/Return/LineItem/{uniqueId}', schema: LineItemReturnBody, summary: 'Return units of one or more SKUs ({ sku, quantity } or { lines: [...] })' },
  ];
  for (const r of routes) {
    for (const path of [r.v1, r.alias]) {
      registry.registerPath({
        ...c,
        method: 'post',
        path,
        summary: path === r.alias ? `Loyale alias of POST ${r.v1}` : r.summary,
        request: { headers: SchemeHeaders, params: UniqueIdParam, query: SimulateQuery, body: { required: false, content: { 'application/json': { schema: r.schema } } } },
        responses,
      });
    }
  }
  for (const path of ['/v1/transactions/returns/custom', '/api/Transaction/Return/Custom']) {
    registry.registerPath({
      ...c,
      method: 'post',
      path,
      summary: path.startsWith('/api') ? 'Loyale alias of POST /v1/transactions/returns/custom' : 'A return without an original transaction: priced with the current rules (transaction body; uniqueId is the return\'s)',
      request: { headers: SchemeHeaders, query: SimulateQuery, body: { content: { 'application/json': { schema: SaleBody } } } },
      responses,
    });
  }
}

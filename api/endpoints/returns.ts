import { json } from '../openapi/responses';
import { FullReturnBody, LineItemReturnBody, LoyaleReturnResultView, ReturnResultView } from '../schemas/returns';
import { SaleBody, SimulateQuery, UniqueIdParam } from '../schemas/sales';
import { endpoints } from './endpoint';
import { saleExample } from './sales';

const tags = ['returns'];
const responses = {
  200: json('Simulated (nothing posted)', ReturnResultView),
  201: json('Returned (a repeat of the same return answers the first result)', ReturnResultView),
  404: { description: "The transaction, customer or outlet is not one of this scheme's" },
  409: { description: 'Already returned: a second full return, more units than remain, or a uniqueId used for another return' },
  422: { description: 'Business rule (SKU not in the transaction, unknown gift card, …)' },
};
/** At Loyale's paths the points are JSON numbers, as its clients read them. */
const loyale = {
  200: json('Simulated (nothing posted)', LoyaleReturnResultView),
  201: json('Returned (a repeat of the same return answers the first result)', LoyaleReturnResultView),
};

/** Full, line-item and custom returns, at the hub's paths and at Loyale's. */
export const returnEndpoints = endpoints({
  returnSaleFully: {
    method: 'post',
    path: '/v1/transactions/{uniqueId}/returns/full',
    aliases: [{ path: '/api/Transaction/Return/Full/{uniqueId}', operationId: 'loyaleReturnFull', responses: loyale }],
    access: 'key',
    tags,
    summary: "Return everything not yet returned; earned points come back from the original sale's recorded per-line points",
    request: { params: UniqueIdParam, query: SimulateQuery, body: FullReturnBody, bodyOptional: true, example: { uniqueId: 'till-7/return/000190' } },
    responses,
  },
  returnSaleLines: {
    method: 'post',
    path: '/v1/transactions/{uniqueId}/returns/line-item',
    aliases: [{ path: '/api/Transaction/Return/LineItem/{uniqueId}', operationId: 'loyaleReturnLineItem', responses: loyale }],
    access: 'key',
    tags,
    summary: 'Return units of one or more SKUs ({ sku, quantity } or { lines: [...] })',
    request: { params: UniqueIdParam, query: SimulateQuery, body: LineItemReturnBody, bodyOptional: true, example: { uniqueId: 'till-7/return/000191', sku: 'COF-250', quantity: 1 } },
    responses,
  },
  returnCustom: {
    method: 'post',
    path: '/v1/transactions/returns/custom',
    aliases: [{ path: '/api/Transaction/Return/Custom', operationId: 'loyaleReturnCustom', responses: loyale }],
    access: 'key',
    tags,
    summary: "A return without an original transaction: priced with the current rules (transaction body; uniqueId is the return's)",
    request: { query: SimulateQuery, body: SaleBody, example: { ...saleExample, uniqueId: 'till-7/return/000192' } },
    responses,
  },
});

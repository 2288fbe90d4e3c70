import { z } from 'zod';
import { json } from '../openapi/responses';
import { IdParam, PageQuery, pageOf } from '../schemas/common';
import { LoyaleSaleResultView, SaleBody, SaleResultView, SaleStatusView, SimulateQuery, StoredSaleView, UniqueIdParam } from '../schemas/sales';
import { endpoints } from './endpoint';

const tags = ['transactions'];

/** A sale as a till sends it (the seed's Loyale transaction body). */
export const saleExample = {
  customerBarcode: '4006381333931',
  outletId: '6f1c2e4a-8b7d-4c3e-9a2b-1d5e7f9a0b3c',
  uniqueId: 'till-7/2026-12-02/000184',
  receiptNumber: '000184',
  lineItems: [{ sku: 'COF-250', quantity: 2, unitPrice: 3.5, categories: ['drinks'] }],
  paymentMethods: [{ type: 'card', amount: 7 }],
};

/**
 * POS sales, at the hub's paths and at Loyale's (`/api/Transaction`), so a
 * Loyale POS switches by changing its base URL.
 */
export const saleEndpoints = endpoints({
  postSale: {
    method: 'post',
    path: '/v1/transactions',
    aliases: [
      {
        path: '/api/Transaction',
        operationId: 'loyalePostTransaction',
        responses: { 200: json('Simulated result (nothing posted)', LoyaleSaleResultView), 201: json('Posted', LoyaleSaleResultView) },
      },
    ],
    access: 'key',
    tags,
    summary: 'Post a sale (Loyale transaction body); ?simulate=true computes without posting',
    request: { query: SimulateQuery, body: SaleBody, example: saleExample },
    responses: {
      200: json('Simulated result (nothing posted)', SaleResultView),
      201: json('Posted', SaleResultView),
      202: json('Received; still processing — poll statusUrl', SaleStatusView),
      404: { description: "The customer or outlet is not one of this scheme's" },
      409: { description: 'The uniqueId was used for another body' },
      422: { description: 'Business rule (blocked customer, not enough points, …)' },
    },
  },
  getSaleStatus: {
    method: 'get',
    path: '/v1/transactions/status/{uniqueId}',
    aliases: [
      {
        path: '/api/transaction/status/{uniqueId}',
        operationId: 'loyaleGetTransactionStatus',
        responses: { 200: json('The result once posted; RECEIVED, PROCESSING or FAILED (with the reason) before', z.union([LoyaleSaleResultView, SaleStatusView])) },
      },
    ],
    access: 'keyOrOps',
    tags,
    summary: 'RECEIVED | PROCESSING | COMPLETED (with the result) | FAILED',
    request: { params: UniqueIdParam },
    responses: { 200: json('The result once posted; RECEIVED, PROCESSING or FAILED (with the reason) before', z.union([SaleResultView, SaleStatusView])) },
  },
  getSale: {
    method: 'get',
    path: '/v1/transactions/{uniqueId}',
    access: 'keyOrOps',
    tags,
    summary: 'The stored transaction, with its returns and what each line still has returnable (list views omit these)',
    request: { params: UniqueIdParam },
    responses: { 200: json('Transaction', StoredSaleView) },
  },
  listCustomerSales: {
    method: 'get',
    path: '/v1/customers/{id}/transactions',
    access: 'keyOrOps',
    tags,
    summary: "A customer's transactions, newest first",
    request: { params: IdParam, query: PageQuery },
    responses: { 200: json('Page', pageOf(StoredSaleView, 'StoredTransactionPage')) },
  },
});

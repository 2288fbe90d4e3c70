import { z } from 'zod';
import { json } from '../openapi/responses';
import { HoldBody, HoldParams, HoldViewSchema, RedeemBody } from '../schemas/holds';
import { LoyaleSaleResultView, SaleResultView } from '../schemas/sales';
import { endpoints } from './endpoint';

const tags = ['on-hold'];

/**
 * On-hold transactions (Loyale External POS "OnHold"): reserve points, then
 * redeem or remove them; the hold expires by itself if the POS never comes back.
 */
export const holdEndpoints = endpoints({
  placeHold: {
    method: 'post',
    path: '/v1/transactions/on-hold',
    aliases: [{ path: '/api/ExternalPos/OnHold', operationId: 'loyaleCreateOnHold' }],
    access: 'key',
    tags,
    summary: 'Reserve points (a pending burn) until redeemed, removed or expired',
    request: { body: HoldBody, example: { customerBarcode: '4006381333931', outletId: '6f1c2e4a-8b7d-4c3e-9a2b-1d5e7f9a0b3c', uniqueId: 'till-7/hold/000185', points: 500, expiresInSeconds: 900 } },
    responses: {
      201: json('Held', HoldViewSchema),
      404: { description: "The customer or outlet is not one of this scheme's" },
      409: { description: 'The uniqueId was used for another body' },
      422: { description: 'Not enough points' },
    },
  },
  getHold: {
    method: 'get',
    path: '/v1/transactions/on-hold/{holdId}',
    access: 'keyOrOps',
    tags,
    summary: 'HELD | REDEEMED | REMOVED | EXPIRED, amounts, times',
    request: { params: HoldParams },
    responses: { 200: json('Hold', HoldViewSchema) },
  },
  redeemHold: {
    method: 'post',
    path: '/v1/transactions/on-hold/{holdId}/redeem',
    aliases: [
      {
        path: '/api/ExternalPos/OnHold/{holdId}/Redeem',
        operationId: 'loyaleRedeemOnHold',
        responses: { 200: json('Redeemed: the hold, or the transaction result (Loyale: points as numbers) when the redeem carried the sale', z.union([HoldViewSchema, LoyaleSaleResultView])) },
      },
    ],
    access: 'key',
    tags,
    summary: 'Capture all or part of the hold (the rest is released); repeatable',
    request: { params: HoldParams, body: RedeemBody, example: { points: 300, lineItems: [{ sku: 'COF-250', quantity: 1, unitPrice: 3.5 }], paymentMethods: [{ type: 'Loyale Redemption' }] } },
    responses: {
      200: json('Redeemed: the hold, or the transaction result when the redeem carried the sale (lineItems)', z.union([HoldViewSchema, SaleResultView])),
      409: { description: 'The hold is no longer HELD (removed, expired)' },
      422: { description: 'Business rule (more points than held, …)' },
    },
  },
  removeHold: {
    method: 'delete',
    path: '/v1/transactions/on-hold/{holdId}',
    aliases: [{ path: '/api/ExternalPos/OnHold/{holdId}', operationId: 'loyaleRemoveOnHold' }],
    access: 'key',
    tags,
    summary: 'Release the hold; repeatable',
    request: { params: HoldParams },
    responses: { 200: json('Removed', HoldViewSchema), 409: { description: 'The hold was already redeemed' } },
  },
});

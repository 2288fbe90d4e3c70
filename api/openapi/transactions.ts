import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { IdParam, SchemeHeaders } from '../schemas/common';
import { OffsetQuery } from '../schemas/ledger';
import { OutletBody, RulesBody, SaleBody, SaleResultView, SaleStatusView, SimulateQuery, UniqueIdParam } from '../schemas/transactions';
import { CouponBody, CouponParams } from '../schemas/coupons';
import { HoldBody, HoldParams, HoldViewSchema, RedeemBody } from '../schemas/holds';
import { GiftCardBody, GiftCardParams } from '../schemas/gift-cards';
import { adminSecurity, errors, json, schemeSecurity, error } from './responses';

const Outlet = z.object({ id: z.uuid(), name: z.string(), active: z.boolean(), createdAt: z.string() }).meta({ id: 'Outlet' });
const StoredSale = z
  .object({
    uniqueId: z.string(),
    customerId: z.uuid(),
    outletId: z.uuid(),
    pointsEarned: z.string(),
    pointsRedeemed: z.string(),
    request: z.record(z.string(), z.unknown()),
    result: SaleResultView,
    lines: z.array(z.record(z.string(), z.unknown())).meta({ description: 'Per-line amounts and points, for returns' }),
    pendingPoints: z.string().meta({ description: 'Points still pending (return window open)' }),
    pendingUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StoredTransaction' });
const page = (item: z.ZodType, id: string) =>
  z.object({ totalCount: z.number().int(), page: z.number().int(), limit: z.number().int(), results: z.array(item) }).meta({ id });

export function registerTransactionPaths(registry: OpenAPIRegistry): void {
  const c = { tags: ['transactions'], security: schemeSecurity };
  for (const path of ['/v1/transactions', '/api/Transaction']) {
    registry.registerPath({
      ...c,
      method: 'post',
      path,
      summary: path === '/api/Transaction' ? 'Loyale alias of POST /v1/transactions' : 'Post a sale (Loyale transaction body); ?simulate=true computes without posting',
      request: { headers: SchemeHeaders, query: SimulateQuery, body: { content: { 'application/json': { schema: SaleBody } } } },
      responses: {
        200: json('Simulated result (nothing posted)', SaleResultView),
        201: json('Posted', SaleResultView),
        202: json('Received; still processing — poll statusUrl', SaleStatusView),
        ...errors,
        422: error('Business rule (blocked customer, not enough points, …)'),
      },
    });
  }
  for (const path of ['/v1/transactions/status/{uniqueId}', '/api/transaction/status/{uniqueId}']) {
    registry.registerPath({
      ...c,
      method: 'get',
      path,
      summary: 'RECEIVED | PROCESSING | COMPLETED (with the result) | FAILED',
      request: { headers: SchemeHeaders, params: UniqueIdParam },
      responses: { 200: json('The result once posted; RECEIVED, PROCESSING or FAILED (with the reason) before', z.union([SaleResultView, SaleStatusView])), 404: errors[404] },
    });
  }
  registry.registerPath({ ...c, method: 'get', path: '/v1/transactions/{uniqueId}', summary: 'The stored transaction, with its returns and what each line still has returnable (list views omit these)', request: { headers: SchemeHeaders, params: UniqueIdParam }, responses: { 200: json('Transaction', StoredSale), 404: errors[404] } });
  registry.registerPath({ ...c, method: 'get', path: '/v1/customers/{id}/transactions', summary: "A customer's transactions, newest first", request: { headers: SchemeHeaders, params: IdParam, query: OffsetQuery }, responses: { 200: json('Page', page(StoredSale, 'StoredTransactionPage')), 404: errors[404] } });

  const hold = { tags: ['on-hold'], security: schemeSecurity };
  for (const [path, alias] of [['/v1/transactions/on-hold', false], ['/api/ExternalPos/OnHold', true]] as const) {
    registry.registerPath({ ...hold, method: 'post', path, summary: alias ? 'Loyale alias of POST /v1/transactions/on-hold' : 'Reserve points (a pending burn) until redeemed, removed or expired', request: { headers: SchemeHeaders, body: { content: { 'application/json': { schema: HoldBody } } } }, responses: { 201: json('Held', HoldViewSchema), ...errors, 422: error('Not enough points') } });
  }
  registry.registerPath({ ...hold, method: 'get', path: '/v1/transactions/on-hold/{holdId}', summary: 'HELD | REDEEMED | REMOVED | EXPIRED, amounts, times', request: { headers: SchemeHeaders, params: HoldParams }, responses: { 200: json('Hold', HoldViewSchema), 404: errors[404] } });
  for (const path of ['/v1/transactions/on-hold/{holdId}/redeem', '/api/ExternalPos/OnHold/{holdId}/Redeem']) {
    registry.registerPath({ ...hold, method: 'post', path, summary: 'Capture all or part of the hold (the rest is released); repeatable', request: { headers: SchemeHeaders, params: HoldParams, body: { content: { 'application/json': { schema: RedeemBody } } } }, responses: { 200: json('Redeemed: the hold, or the transaction result when the redeem carried the sale (lineItems)', z.union([HoldViewSchema, SaleResultView])), 404: errors[404], 409: errors[409], 422: error('Business rule (more points than held, …)'), 503: errors[503] } });
  }
  for (const path of ['/v1/transactions/on-hold/{holdId}', '/api/ExternalPos/OnHold/{holdId}']) {
    registry.registerPath({ ...hold, method: 'delete', path, summary: 'Release the hold; repeatable', request: { headers: SchemeHeaders, params: HoldParams }, responses: { 200: json('Removed', HoldViewSchema), 404: errors[404], 409: errors[409], 503: errors[503] } });
  }
  const GiftCardView = z.object({ code: z.string(), walletId: z.uuid(), balance: z.number(), balanceMinor: z.string() }).meta({ id: 'GiftCard' });
  const gs: Array<Record<string, string[]>> = [{ schemeId: [], apiKey: [] }, { admin: [], schemeId: [] }];
  registry.registerPath({ tags: ['gift cards'], security: gs, method: 'post', path: '/v1/gift-cards', summary: 'Issue a gift card with a value (code generated when absent)', request: { body: { content: { 'application/json': { schema: GiftCardBody } } } }, responses: { 201: json('Issued', GiftCardView), 409: errors[409] } });
  registry.registerPath({ tags: ['gift cards'], security: gs, method: 'get', path: '/v1/gift-cards/{code}', summary: 'A gift card balance', request: { params: GiftCardParams }, responses: { 200: json('Gift card', GiftCardView), 404: errors[404] } });
  const CouponView = z
    .object({ code: z.string(), type: z.string(), value: z.number().int(), customerId: z.uuid().nullable(), validFrom: z.string().nullable(), validTo: z.string().nullable(), usedAt: z.string().nullable(), usedBy: z.string().nullable() })
    .meta({ id: 'Coupon' });
  registry.registerPath({ tags: ['coupons'], security: gs, method: 'post', path: '/v1/coupons', summary: 'Create a coupon (code generated when absent)', request: { body: { content: { 'application/json': { schema: CouponBody } } } }, responses: { 201: json('Created', CouponView), 404: error("Customer: not one of this scheme's customers"), 409: errors[409] } });
  registry.registerPath({ tags: ['coupons'], security: gs, method: 'get', path: '/v1/coupons/{code}', summary: 'A coupon and whether it was used', request: { params: CouponParams }, responses: { 200: json('Coupon', CouponView), 404: errors[404] } });
  const s: Array<Record<string, string[]>> = [{ schemeId: [], apiKey: [] }, { admin: [], schemeId: [] }];
  registry.registerPath({ tags: ['outlets'], security: s, method: 'get', path: '/v1/outlets', summary: "The scheme's outlets", request: { query: OffsetQuery }, responses: { 200: json('Page', page(Outlet, 'OutletPage')) } });
  registry.registerPath({ tags: ['outlets'], security: s, method: 'post', path: '/v1/outlets', summary: 'Create an outlet', request: { body: { content: { 'application/json': { schema: OutletBody } } } }, responses: { 201: json('Created', Outlet), 409: errors[409] } });
  registry.registerPath({ tags: ['schemes'], security: adminSecurity, method: 'get', path: '/v1/schemes/{id}/rules', summary: "The scheme's point rules", request: { params: IdParam }, responses: { 200: json('Rules', RulesBody), 404: errors[404] } });
  registry.registerPath({ tags: ['schemes'], security: adminSecurity, method: 'put', path: '/v1/schemes/{id}/rules', summary: 'Set earn rate, redemption rate and overrides (SKU > vendor > lowest category)', request: { params: IdParam, body: { content: { 'application/json': { schema: RulesBody } } } }, responses: { 200: json('Rules', RulesBody), 404: errors[404] } });
}

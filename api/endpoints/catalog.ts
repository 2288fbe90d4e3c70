import { json } from '../openapi/responses';
import { PageQuery, pageOf } from '../schemas/common';
import { CouponBody, CouponParams, CouponView } from '../schemas/coupons';
import { GiftCardBody, GiftCardParams, GiftCardView } from '../schemas/gift-cards';
import { OutletBody, OutletView } from '../schemas/outlets';
import { endpoints } from './endpoint';

/** What a scheme sets up for its tills: outlets, gift cards, and coupons a sale may carry. */
export const catalogEndpoints = endpoints({
  listOutlets: {
    method: 'get',
    path: '/v1/outlets',
    access: 'keyOrOps',
    tags: ['outlets'],
    summary: "The scheme's outlets",
    request: { query: PageQuery },
    responses: { 200: json('Page', pageOf(OutletView, 'OutletPage')) },
  },
  createOutlet: {
    method: 'post',
    path: '/v1/outlets',
    access: 'keyOrOps',
    tags: ['outlets'],
    summary: 'Create an outlet',
    request: { body: OutletBody, example: { name: 'Valletta, Republic Street' } },
    responses: { 201: json('Created', OutletView), 409: { description: 'An outlet with this name exists' } },
  },
  createGiftCard: {
    method: 'post',
    path: '/v1/gift-cards',
    access: 'keyOrOps',
    tags: ['gift cards'],
    summary: 'Issue a gift card with a value (code generated when absent)',
    request: { body: GiftCardBody, example: { code: 'GC-2026-0001', amount: 25 } },
    responses: { 201: json('Issued', GiftCardView), 409: { description: 'The code exists' } },
  },
  getGiftCard: {
    method: 'get',
    path: '/v1/gift-cards/{code}',
    access: 'keyOrOps',
    tags: ['gift cards'],
    summary: 'A gift card balance',
    request: { params: GiftCardParams },
    responses: { 200: json('Gift card', GiftCardView) },
  },
  createCoupon: {
    method: 'post',
    path: '/v1/coupons',
    access: 'keyOrOps',
    tags: ['coupons'],
    summary: 'Create a coupon (code generated when absent)',
    request: { body: CouponBody, example: { code: 'WELCOME-5', type: 'amount_off', value: 500, validTo: '2026-12-31T23:59:59Z' } },
    responses: { 201: json('Created', CouponView), 404: { description: "Customer: not one of this scheme's customers" }, 409: { description: 'The code exists' } },
  },
  getCoupon: {
    method: 'get',
    path: '/v1/coupons/{code}',
    access: 'keyOrOps',
    tags: ['coupons'],
    summary: 'A coupon and whether it was used',
    request: { params: CouponParams },
    responses: { 200: json('Coupon', CouponView) },
  },
});

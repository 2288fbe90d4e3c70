import { json } from '../openapi/responses';
import { IdParam, pageOf } from '../schemas/common';
import {
  AssignBody,
  CodesBody,
  CodesView,
  CouponBookBody,
  CouponBookEnvelope,
  CouponBookListQuery,
  CouponCodeView,
  CouponBookView,
  MemberBookView,
  MemberCountsQuery,
  MemberCountsView,
  MemberCouponsQuery,
  UsageEnvelope,
  UsagesEnvelope,
  UseBody,
} from '../schemas/coupon-books';
import { PageQuery } from '../schemas/common';
import { endpoints } from './endpoint';

const tags = ['coupon books'];
const book = { validFromDate: '2026-12-01T00:00:00Z', validToDate: '2027-01-31T23:59:59Z' };
const example = {
  name: 'Winter coffee',
  description: 'A free coffee for members',
  tags: ['coffee'],
  discountType: 'free_item',
  discountAmount: 0,
  publishingStatus: 'published',
  ...book,
  maxAssignedPerMember: 2,
  maxCouponCount: 1000,
};
const refused = { description: 'Business rule: the book is not published, not valid now or not for the member’s tier, the member is blocked, at its cap or fails the condition, no code left (or fewer than strict mode asks), the code was used or belongs to another member' };
const keyReused = { description: 'A systemUniqueKey of this request was already used for another request' };

/**
 * Coupon books (seed 004): books of single-use codes handed out to members
 * and redeemed at the till (a sale's `coupons`) or through the book, each
 * hand-out and use exactly once by its systemUniqueKey.
 */
export const couponBookEndpoints = endpoints({
  listCouponBooks: {
    method: 'get',
    path: '/v1/coupon-books',
    access: 'keyOrOps',
    tags,
    summary: "The scheme's coupon books, newest first (by status, by tag)",
    request: { query: CouponBookListQuery },
    responses: { 200: json('Page', pageOf(CouponBookView, 'CouponBookPage')) },
  },
  createCouponBook: {
    method: 'post',
    path: '/v1/coupon-books',
    access: 'keyOrOps',
    tags,
    summary: 'Create a coupon book',
    description: "Codes are added with POST /v1/coupon-books/{id}/codes. `tiers` are the scheme's tier ids (another is 422).",
    request: { body: CouponBookBody, example },
    responses: { 201: json('Created', CouponBookEnvelope), 422: { description: 'A tier that is not the scheme’s' } },
  },
  getCouponBook: {
    method: 'get',
    path: '/v1/coupon-books/{id}',
    access: 'keyOrOps',
    tags,
    summary: 'A coupon book',
    request: { params: IdParam },
    responses: { 200: json('Book', CouponBookEnvelope) },
  },
  updateCouponBook: {
    method: 'put',
    path: '/v1/coupon-books/{id}',
    access: 'keyOrOps',
    tags,
    summary: 'Replace a coupon book’s fields (its codes follow the discount; publishingStatus opens and closes it)',
    request: { params: IdParam, body: CouponBookBody, example: { ...example, publishingStatus: 'disabled' } },
    responses: { 200: json('Updated', CouponBookEnvelope), 422: { description: 'A tier that is not the scheme’s' } },
  },
  addCouponCodes: {
    method: 'post',
    path: '/v1/coupon-books/{id}/codes',
    access: 'keyOrOps',
    tags,
    summary: 'Add codes to a book: given (all or none) or generated',
    request: { params: IdParam, body: CodesBody, example: { codes: ['WINTER-0001', 'WINTER-0002'] } },
    responses: { 201: json('Added', CodesView), 409: { description: 'A code the scheme already has' }, 422: { description: 'Beyond maxCouponCount' } },
  },
  listCouponCodes: {
    method: 'get',
    path: '/v1/coupon-books/{id}/codes',
    access: 'keyOrOps',
    tags,
    summary: "A book's codes in the order they are handed out, with holder and use",
    request: { params: IdParam, query: PageQuery },
    responses: { 200: json('Page', pageOf(CouponCodeView, 'CouponCodePage')) },
  },
  assignCouponCodes: {
    method: 'post',
    path: '/v1/coupon-books/{id}/assign',
    access: 'keyOrOps',
    tags,
    summary: 'Assign N free codes (or the given ones) to a member: strict mode gets exactly N or nothing',
    description:
      'One transaction: free codes are taken with `for update skip locked`, so members racing for the last codes each get different ones and the rest are refused (422) with nothing taken. One systemUniqueKey per code; the same keys answer the same usages again.',
    request: { params: IdParam, body: AssignBody, example: { memberId: '0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b', systemUniqueKeys: ['app-assign-7f3a-1'], numberOfCodes: 1, strictMode: true, expiredAt: '2027-01-15T23:59:59Z' } },
    responses: { 201: json('Assigned', UsagesEnvelope), 409: keyReused, 422: refused },
  },
  useCouponCode: {
    method: 'post',
    path: '/v1/coupon-books/{id}/use',
    access: 'keyOrOps',
    tags,
    summary: "Use a member's code (exactly once by systemUniqueKey; a used code cannot be used again)",
    description: 'A free code used straight away is the member’s from then on. A till can instead send the code in a sale’s `coupons` (the sale consumes it; a full return gives it back).',
    request: { params: IdParam, body: UseBody, example: { memberId: '0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b', systemUniqueKey: 'app-use-7f3a-1', code: 'WINTER-0001', pendingCaptureLedgerTransactionId: 'sale-2026-12-04-0042' } },
    responses: { 201: json('Used', UsageEnvelope), 404: { description: 'No such book, member or code' }, 409: keyReused, 422: refused },
  },
  revertCouponUsage: {
    method: 'post',
    path: '/v1/coupon-usages/{id}/revert',
    access: 'keyOrOps',
    tags,
    summary: 'Revert a use once: the code is usable again; reverting again changes nothing',
    request: { params: IdParam },
    responses: { 200: json('Reverted', UsageEnvelope), 422: { description: 'An assignment, not a use' } },
  },
  listMemberCouponBooks: {
    method: 'get',
    path: '/v1/customers/{id}/coupon-books',
    access: 'keyOrOps',
    tags,
    summary: 'Published books open to the member (their tier), with the codes they hold and used, and whether any is left',
    request: { params: IdParam, query: PageQuery },
    responses: { 200: json('Page', pageOf(MemberBookView, 'MemberCouponBookPage')) },
  },
  listMemberCoupons: {
    method: 'get',
    path: '/v1/customers/{id}/coupons',
    access: 'keyOrOps',
    tags,
    summary: "The member's book codes, newest first",
    request: { params: IdParam, query: MemberCouponsQuery },
    responses: { 200: json('Page', pageOf(CouponCodeView, 'MemberCouponPage')) },
  },
  memberCouponCounts: {
    method: 'get',
    path: '/v1/customers/{id}/coupon-usage-counts',
    access: 'keyOrOps',
    tags,
    summary: 'How many book codes the member was assigned and used (in a window)',
    request: { params: IdParam, query: MemberCountsQuery },
    responses: { 200: json('Counts', MemberCountsView) },
  },
});

import { z } from 'zod';
import { errors, json } from '../openapi/responses';
import { IdParam, pageOf } from '../schemas/common';
import { CreateCustomerBody, CustomerBalance, CustomerListQuery, CustomerView, IdempotencyHeaders, LotsQuery, PointLotView, PointsHistoryLine, PointsHistoryQuery, UpdateCustomerBody } from '../schemas/customers';
import { WalletView } from '../schemas/ledger-views';
import { ReferBody, ReferralView } from '../schemas/referrals';
import { endpoints } from './endpoint';

const tags = ['customers'];

export const customerEndpoints = endpoints({
  createCustomer: {
    method: 'post',
    path: '/v1/customers',
    access: 'key',
    tags,
    summary: 'Register a customer (runs the createCustomer workflow)',
    request: { headers: IdempotencyHeaders, body: CreateCustomerBody, example: { firstName: 'Maria', lastName: 'Borg', email: 'maria@example.com', phone: '+35699123456' } },
    responses: {
      201: json('Created (or the first result of a retried key)', CustomerView),
      409: errors[409],
      422: { description: 'The referral code given cannot be used (unknown, expired, used up)' },
    },
  },
  listCustomers: {
    method: 'get',
    path: '/v1/customers',
    access: 'keyOrOps',
    tags,
    summary: 'Look up by barcode, email or phone; otherwise list (keyset-paginated)',
    request: { query: CustomerListQuery },
    responses: { 200: json('A page of customers', pageOf(CustomerView, 'CustomerPage')) },
  },
  getCustomer: {
    method: 'get',
    path: '/v1/customers/{id}',
    access: 'keyOrOps',
    tags,
    summary: 'Get a customer, with its wallets',
    request: { params: IdParam },
    responses: { 200: json('The customer', CustomerView.extend({ wallets: z.array(WalletView) })) },
  },
  getCustomerBalance: {
    method: 'get',
    path: '/v1/customers/{id}/balance',
    access: 'keyOrOps',
    tags,
    summary: "The customer's balance in each ledger account",
    request: { params: IdParam },
    responses: { 200: json('Balances', CustomerBalance) },
  },
  listPointsHistory: {
    method: 'get',
    path: '/v1/customers/{id}/points-history',
    access: 'keyOrOps',
    tags,
    summary: "The customer's points, line by line, newest first",
    description:
      'One line per ledger transfer touching the customer (default points account unless accountId): signed amount, reason (sale, return, hold, redemption, referral, mission, adjustment, expiry), description and the available balance after it. Keyset-paged with nextCursor.',
    request: { params: IdParam, query: PointsHistoryQuery },
    responses: { 200: json('A page of lines', pageOf(PointsHistoryLine, 'PointsHistoryPage')), 400: errors[400] },
  },
  listCustomerLots: {
    method: 'get',
    path: '/v1/customers/{id}/lots',
    access: 'keyOrOps',
    tags,
    summary: "The customer's expiry lots, first to expire first",
    description: 'Points earned into an account with `expiresInMonths` form lots; spending takes the first to expire first. Keyset-paged with nextCursor.',
    request: { params: IdParam, query: LotsQuery },
    responses: { 200: json('A page of lots', pageOf(PointLotView, 'PointLotPage')) },
  },
  updateCustomer: {
    method: 'put',
    path: '/v1/customers/{id}',
    access: 'key',
    tags,
    summary: 'Edit a customer, or block / unblock (runs the updateCustomer workflow)',
    request: { params: IdParam, body: UpdateCustomerBody, example: { status: 'BLOCKED' } },
    responses: { 200: json('Updated', CustomerView), 409: errors[409] },
  },
  referCustomer: {
    method: 'post',
    path: '/v1/customers/{id}/referral',
    access: 'key',
    tags: ['referrals', 'customers'],
    summary: 'Refer an existing customer by code, before their first qualifying event (sign-up programmes take codes at registration only)',
    request: { params: IdParam, body: ReferBody, example: { code: 'MARIA-7K2P' } },
    responses: {
      201: json('The PENDING referral; its workflow waits for the qualifying event', ReferralView),
      409: errors[409],
      422: { description: "Refused by a programme rule (inactive, outside its dates, self-referral, unknown code, the referrer outside the programme's audience)" },
    },
  },
  getCustomerReferral: {
    method: 'get',
    path: '/v1/customers/{id}/referral',
    access: 'key',
    tags: ['referrals', 'customers'],
    summary: "The customer's referral and its status",
    request: { params: IdParam },
    responses: { 200: json('Referral', ReferralView) },
  },
});

import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { json } from '../openapi/responses';
import { IdParam } from '../schemas/common';
import {
  CouponInformationQuery,
  CustomerIdParam,
  GainRateQuery,
  LoyaleCouponView,
  LoyaleGainRateView,
  LoyalePointBalanceView,
  LoyaleSchemeView,
  LoyaleUpdatedCustomerView,
  LoyaleUserInformationView,
  UpdatedCustomersQuery,
  UserInformationQuery,
  nextCursorHeader,
} from '../schemas/loyale-pos';
import { endpoints } from './endpoint';

const tags = ['loyale'];

/** Seed 000 lists these operations by name only: say so on each, with the path the hub chose. */
export const chosenPath = (operation: string, path: string, more = '') =>
  `Loyale's "${operation}" (seed 000). The seed names the operation but not its path or body: the path ${path} is the hub's choice, following Loyale's naming, and the body is the hub's reading of Loyale's objects (points as JSON integers, money in major units).${more ? ` ${more}` : ''}`;

/** A JSON array, and the X-Next-Cursor header when more follow. */
export const arrayPage = (description: string, item: z.ZodType): ResponseConfig => ({ ...json(description, z.array(item)), headers: nextCursorHeader });

/** Loyale External POS reads: a till's look-ups of customers, coupons, balances, rates and its scheme. */
export const loyalePosEndpoints = endpoints({
  loyaleGetUserInformation: {
    method: 'get',
    path: '/api/ExternalPos/UserInformation',
    access: 'key',
    tags,
    summary: 'Get User Information (Loyale External POS): the customer, point balance and level',
    description: chosenPath('Get User Information', '/api/ExternalPos/UserInformation', 'Name the customer by exactly one of barcode, customerId, email or phoneNumber; unknown (or another scheme\'s) is 404.'),
    request: { query: UserInformationQuery },
    responses: { 200: json('The customer', LoyaleUserInformationView), 404: { description: "No such customer in this scheme (unknown, or another scheme's)" } },
  },
  loyaleGetCouponInformation: {
    method: 'get',
    path: '/api/ExternalPos/CouponInformation',
    access: 'key',
    tags,
    summary: 'Get Coupon Information (Loyale External POS): the coupon and whether a sale would accept it now',
    description: chosenPath('Get Coupon Information', '/api/ExternalPos/CouponInformation', '`usable` applies the rules a sale applies (unused, within its dates, the assigned customer\'s). An unknown coupon or customer is 404.'),
    request: { query: CouponInformationQuery },
    responses: { 200: json('The coupon', LoyaleCouponView), 404: { description: "The coupon or the customer is not this scheme's (unknown, or another scheme's)" } },
  },
  loyaleListUpdatedCustomers: {
    method: 'get',
    path: '/api/ExternalPos/UpdatedCustomers',
    access: 'key',
    tags,
    summary: 'Get Information on Updated Customers (Loyale External POS): the change feed tills cache members from',
    description: chosenPath(
      'Get Information on Updated Customers',
      '/api/ExternalPos/UpdatedCustomers',
      'The path and `from` are what the hub\'s own Loyale client calls (adapters/loyale/openapi.yaml), so a hub can poll another hub. Customers updated at or after `from`, oldest first by (updatedDate, id); more follow when the X-Next-Cursor header is present (send it as `cursor` with the same `from`), and a client that ignores it may ask again with `from` = the last updatedDate. Changes are served after a 2-second settle horizon. A points-only change does not move updatedDate: read balances with /api/PointBalance.',
    ),
    request: { query: UpdatedCustomersQuery },
    responses: { 200: arrayPage('Customers updated since `from`', LoyaleUpdatedCustomerView) },
  },
  loyaleGetPointBalance: {
    method: 'get',
    path: '/api/PointBalance/{customerId}',
    access: 'key',
    tags,
    summary: "Get PointBalance (Loyale): the customer's points in the scheme's default account",
    description: chosenPath('Get PointBalance', '/api/PointBalance/{customerId}'),
    request: { params: CustomerIdParam },
    responses: { 200: json('The balance', LoyalePointBalanceView) },
  },
  loyaleGetGainRate: {
    method: 'get',
    path: '/api/Transaction/GainRate',
    access: 'key',
    tags,
    summary: "Get Gain Rate (Loyale): points per currency unit from the scheme's rules, with a customer's level multiplier",
    description: chosenPath('Get Gain Rate', '/api/Transaction/GainRate', 'Seed 000 lists it under Transaction. An unknown customerId is 404.'),
    request: { query: GainRateQuery },
    responses: { 200: json('The rates', LoyaleGainRateView), 404: { description: "The customer is not this scheme's (unknown, or another scheme's)" } },
  },
  loyaleGetScheme: {
    method: 'get',
    path: '/api/Scheme/{id}',
    access: 'key',
    tags,
    summary: "Get Scheme (Loyale): the key's own scheme",
    description: chosenPath('Get Scheme', '/api/Scheme/{id}', "Any id but the key's scheme (X-Scheme) is 404."),
    request: { params: IdParam },
    responses: { 200: json('The scheme', LoyaleSchemeView) },
  },
});

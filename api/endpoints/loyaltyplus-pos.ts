import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { errors } from '../openapi/responses';
import { CheckinBody, CheckinResult, PosIdempotencyHeaders, IdentifierParam, PosBalance, PosCustomer, RedeemBody, RedeemResult } from '../schemas/loyaltyplus';
import { endpoints } from './endpoint';

const tags = ['loyaltyplus'];

/** The tag's description in the document: the dialect's rules, and the limits a till integrator must know. */
export const loyaltyPlusTag = {
  name: 'loyaltyplus',
  description: [
    "Loyalty+'s POS API (seed 001) answered by the hub, so a Loyalty+ till switches by base URL: authenticate with `X-API-Key: <a scheme API key>` alone (the key names its scheme). Answers keep the seed's shapes (points as JSON integers); errors are `{ success: false, error: <message>, code, details?, requestId }`.",
    "A check-in is a sale of the hub (the same ledger, events and partner sync): SPEND mode sells one line of `amount` earning by the scheme's rules, UNIT mode sells `units` of the POS settings' unit SKU earning that SKU's `pointsPerItem`. A redemption burns the points from the customer's points wallet (history reason `redemption`).",
    "**Owner API** (`/v1/owner/…`, customer management): the seed authenticates it with a \"Bearer JWT (admin login)\"; the hub has no owner login, so the bearer is a scheme API key issued with role `owner` (`POST /v1/schemes/{id}/api-keys { role: 'owner' }`). A till's key (role `pos`) is refused there (401). Creates and points adjustments are exactly once by the rule below; a delete erases the customer's personal data and keeps the ledger.",
    "**Exactly once without a unique id.** Send `Idempotency-Key` and a retry with it is the same operation (another body under the same key: 409). Without it, identical requests (same API key, same route, same body) within the scheme's window (POS settings `dedupWindowSeconds`, default 120 s, counted from the last identical request) are one operation and get the first one's answer. The limit: two genuine identical check-ins from the same key within the window count once, and a retry after a silence longer than the window (or through another key) posts again — tills that can, send `Idempotency-Key`.",
  ].join('\n\n'),
};

const seedCheckin = { phone: '+353123456789', storeId: 'cuid_optional', amount: 25.5, units: 3 };
const seedRedeem = { phone: '+353123456789', points: 100 };

/** An answer with the seed's own example (the document shows it rather than a sample of the schema). */
export const example = (description: string, schema: z.ZodType, seed: unknown): ResponseConfig => ({ description, content: { 'application/json': { schema, example: seed } } });

/** Loyalty+ POS endpoints (seed 001), each a thin translation onto the hub's own operations. */
export const loyaltyPlusPosEndpoints = endpoints({
  loyaltyPlusCheckin: {
    method: 'post',
    path: '/v1/pos/checkin',
    access: 'posKey',
    tags,
    summary: 'Award points to a customer (SPEND by amount, UNIT by units), as a sale of the hub',
    description: "The scheme's POS settings say which of `amount` and `units` counts (the other is ignored). `totalPoints` is the available balance after it.",
    request: { headers: PosIdempotencyHeaders, body: CheckinBody, example: seedCheckin },
    responses: {
      200: example('Awarded', CheckinResult, { success: true, customerId: 'cuid_xxx', pointsAwarded: 25, totalPoints: 125, rewardThreshold: 100, rewardAvailable: true }),
      404: { description: "The customer or the store is not one of this scheme's" },
      409: errors[409],
      422: { description: 'Business rule (blocked customer, no outlet to book at, …)' },
    },
  },
  loyaltyPlusGetCustomer: {
    method: 'get',
    path: '/v1/pos/customer/{identifier}',
    access: 'posKey',
    tags,
    summary: 'Look up a customer by phone (E.164) or id',
    request: { params: IdentifierParam },
    responses: { 200: example('The customer', PosCustomer, { customerId: 'cuid_xxx', name: 'John Doe', phone: '+353123456789', status: 'ACTIVE', totalPoints: 125, rewardAvailable: true }) },
  },
  loyaltyPlusGetBalance: {
    method: 'get',
    path: '/v1/pos/balance/{identifier}',
    access: 'posKey',
    tags,
    summary: 'Quick balance check by phone (E.164) or id',
    request: { params: IdentifierParam },
    responses: { 200: example('The balance', PosBalance, { customerId: 'cuid_xxx', totalPoints: 125 }) },
  },
  loyaltyPlusRedeem: {
    method: 'post',
    path: '/v1/pos/redeem',
    access: 'posKey',
    tags,
    summary: 'Redeem points for the reward (any positive points up to the available balance)',
    description: "`rewardTitle` is the scheme's POS settings' title; `remainingPoints` the available balance after it.",
    request: { headers: PosIdempotencyHeaders, body: RedeemBody, example: seedRedeem },
    responses: {
      200: example('Redeemed', RedeemResult, { success: true, redemptionId: 'cuid_xxx', pointsRedeemed: 100, rewardTitle: 'Free Coffee', remainingPoints: 25 }),
      404: { description: "The customer is not one of this scheme's" },
      409: errors[409],
      422: { description: 'Not enough points, or a blocked customer' },
    },
  },
});

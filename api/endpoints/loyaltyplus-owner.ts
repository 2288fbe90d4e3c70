import { errors } from '../openapi/responses';
import { IdParam } from '../schemas/common';
import { PosIdempotencyHeaders } from '../schemas/loyaltyplus';
import {
  OwnerCreateBody,
  OwnerCreateResult,
  OwnerCustomerDetails,
  OwnerCustomerList,
  OwnerDeleteResult,
  OwnerListQuery,
  OwnerPointsBody,
  OwnerPointsResult,
  OwnerUpdateBody,
  OwnerUpdateResult,
} from '../schemas/loyaltyplus-owner';
import { endpoints } from './endpoint';
import { example } from './loyaltyplus-pos';

const tags = ['loyaltyplus'];
const bearer = "The seed's \"Bearer JWT (admin login)\" has no hub counterpart: send `Authorization: Bearer <a scheme API key issued with role owner>`; a till's key is 401.";
const gone = { description: "No such customer in this scheme (unknown, another scheme's, or erased)" };

/** Loyalty+'s owner customer management (seed 001), thin translations onto the hub's customer workflows and adjustments. */
export const loyaltyPlusOwnerEndpoints = endpoints({
  loyaltyPlusCreateCustomer: {
    method: 'post',
    path: '/v1/owner/customers',
    access: 'owner',
    tags,
    summary: 'Create a customer, with initial points posted once as an adjustment',
    description: [
      bearer,
      'The name splits at its first space into first and last name; `notes` are stored and shown nowhere. The create is exactly once (`Idempotency-Key`, or identical requests within the window — see the tag); `initialPoints` > 0 are one adjustment keyed by the new customer, reason "Initial points", so a retried create never posts them twice. `totalPoints` is the available balance when answered. A phone another customer has is 409.',
    ].join('\n\n'),
    request: { headers: PosIdempotencyHeaders, body: OwnerCreateBody, example: { name: 'John Doe', phone: '+353123456789', notes: 'VIP customer', initialPoints: 50 } },
    responses: {
      201: example('Created (or the first create of this request)', OwnerCreateResult, { success: true, customer: { id: 'cuid_xxx', name: 'John Doe', phone: '+353123456789', totalPoints: 50 } }),
      404: { description: 'The same request again (inside the window, or under its Idempotency-Key) after that customer was deleted (erased): the erased customer is not answered back' },
      409: errors[409],
    },
  },
  loyaltyPlusListCustomers: {
    method: 'get',
    path: '/v1/owner/customers',
    access: 'owner',
    tags,
    summary: 'List customers, a page at a time with the total',
    description: [
      bearer,
      "The seed's page: `page` from 1 and `limit` (≤ 100) with the `total` — the hub's one offset page (every other list is keyset-paged without totals), bounded at page × limit ≤ 10 000 (400 beyond: narrow with `search` or `statusFilter`). Erased customers are not listed. `statusFilter` is `ACTIVE` or `BLOCKED` (absent: both); `sortBy` `createdAt` (default), `name` or `totalPoints`; `sortOrder` `desc` (default) or `asc`. The seed's example shows `id`, `name`, `totalPoints`; the hub adds `phone` and `status`.",
    ].join('\n\n'),
    request: { query: OwnerListQuery },
    responses: {
      200: example('A page of customers', OwnerCustomerList, { customers: [{ id: '...', name: '...', phone: '+353123456789', status: 'ACTIVE', totalPoints: 125 }], pagination: { page: 1, limit: 20, total: 150 } }),
    },
  },
  loyaltyPlusGetCustomerDetails: {
    method: 'get',
    path: '/v1/owner/customers/{id}',
    access: 'owner',
    tags,
    summary: 'A customer with their points history',
    description: `${bearer}\n\n\`pointsHistory\` is the latest 50 lines of the hub's points history, newest first: \`delta\` signed, \`reason\` the line's description (an adjustment's reason), \`at\` when. \`totalPoints\` is the available balance.`,
    request: { params: IdParam },
    responses: {
      200: example('The customer', OwnerCustomerDetails, { customer: { id: '...', name: '...', phone: '+353123456789', status: 'ACTIVE' }, pointsHistory: [{ delta: 10, reason: 'Visit', at: '2026-12-04T10:00:00.000Z' }], totalPoints: 125 }),
      404: gone,
    },
  },
  loyaltyPlusUpdateCustomer: {
    method: 'put',
    path: '/v1/owner/customers/{id}',
    access: 'owner',
    tags,
    summary: 'Edit a customer, or lock (BLOCKED) / unlock (ACTIVE) them',
    description: `${bearer}\n\nAny of name, phone and status; through the hub's customer update workflow (the same event and partner sync as \`PUT /v1/customers/{id}\`). A phone another customer has is 409.`,
    request: { params: IdParam, body: OwnerUpdateBody, example: { name: 'Jane Doe', phone: '+353987654321', status: 'BLOCKED' } },
    responses: {
      200: example('Updated', OwnerUpdateResult, { success: true, customer: { id: '...', name: 'Jane Doe', status: 'BLOCKED' } }),
      404: gone,
      409: errors[409],
    },
  },
  loyaltyPlusAdjustPoints: {
    method: 'post',
    path: '/v1/owner/customers/{id}/points',
    access: 'owner',
    tags,
    summary: 'Add (positive) or deduct (negative) points with a reason, audited',
    description: `${bearer}\n\nThe hub's adjustment (\`POST /v1/customers/{id}/adjustments\`): one ledger operation whose transfer keeps the reason and the owner key as its actor. Exactly once by \`Idempotency-Key\` or identical requests within the window (see the tag). Never below zero: a deduction beyond the available balance is 422. \`newBalance\` is the available balance after it.`,
    request: { params: IdParam, headers: PosIdempotencyHeaders, body: OwnerPointsBody, example: { points: -50, reason: 'Refund for cancelled order' } },
    responses: {
      200: example('Adjusted', OwnerPointsResult, { success: true, newBalance: 75, adjustment: -50 }),
      404: gone,
      409: errors[409],
      422: { description: 'Not enough points for the deduction, or a blocked customer' },
    },
  },
  loyaltyPlusDeleteCustomer: {
    method: 'delete',
    path: '/v1/owner/customers/{id}',
    access: 'owner',
    tags,
    summary: "\"Permanently delete\" a customer: the hub erases their personal data and keeps the ledger",
    description: `${bearer}\n\nThe hub keeps every ledger transfer, sale and return (the ledger's invariants need them), so it erases rather than deletes: names, email, phone and notes emptied, the barcode replaced by \`erased-<id>\`, the customer blocked and marked erased, through the customer update workflow (partners get the emptied customer), and the person scrubbed from the hub's copies (sale and return requests, events, sync payloads, partner webhooks naming them) in the same transaction. The owner API then answers 404 for them (a second delete too) and lists them no more; the hub's own API still shows the emptied, blocked row with its history.`,
    request: { params: IdParam },
    responses: {
      200: example('Erased', OwnerDeleteResult, { success: true, message: 'Customer deleted permanently' }),
      404: gone,
    },
  },
});

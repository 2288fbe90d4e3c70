import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { WalletView } from './ledger';
import { IdParam, pageOf, SchemeHeaders } from '../schemas/common';
import {
  CreateCustomerBody,
  CustomerListQuery,
  CustomerView,
  IdempotencyHeaders,
  UpdateCustomerBody,
} from '../schemas/customers';
import { errors, json, schemeSecurity, error } from './responses';

export function registerCustomerPaths(registry: OpenAPIRegistry): void {
  const common = { tags: ['customers'], security: schemeSecurity };
  registry.registerPath({
    ...common,
    method: 'post',
    path: '/v1/customers',
    summary: 'Register a customer (runs the createCustomer workflow)',
    request: {
      headers: SchemeHeaders.extend(IdempotencyHeaders.shape),
      body: { content: { 'application/json': { schema: CreateCustomerBody } } },
    },
    responses: { 201: json('Created (or the first result of a retried key)', CustomerView), ...errors, 422: error('The referral code given cannot be used (unknown, expired, used up)') },
  });
  registry.registerPath({
    ...common,
    method: 'get',
    path: '/v1/customers',
    summary: 'Look up by barcode, email or phone; otherwise list (keyset-paginated)',
    request: { headers: SchemeHeaders, query: CustomerListQuery },
    responses: { 200: json('A page of customers', pageOf(CustomerView, 'CustomerPage')), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({
    ...common,
    method: 'get',
    path: '/v1/customers/{id}',
    summary: 'Get a customer, with its wallets',
    request: { headers: SchemeHeaders, params: IdParam },
    responses: { 200: json('The customer', CustomerView.extend({ wallets: z.array(WalletView) })), 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
    ...common,
    method: 'get',
    path: '/v1/customers/{id}/balance',
    summary: "The customer's balance in each ledger account",
    request: { headers: SchemeHeaders, params: IdParam },
    responses: {
      200: json(
        'Balances',
        z.object({
          customerId: z.uuid(),
          ledgers: z.array(
            z.object({
              ledgerId: z.uuid(),
              accountId: z.uuid(),
              walletId: z.uuid(),
              available: z.string().meta({ description: 'Spendable now' }),
              pendingEarned: z.string().meta({ description: 'Earned by sales still inside their return window' }),
              held: z.string().meta({ description: 'Reserved by on-hold transactions' }),
              pending: z.string().meta({ description: 'held − pendingEarned (net pending)' }),
              posted: z.string(),
            }),
          ),
        }),
      ),
      404: errors[404],
    },
  });
  registry.registerPath({
    ...common,
    method: 'put',
    path: '/v1/customers/{id}',
    summary: 'Edit a customer, or block / unblock (runs the updateCustomer workflow)',
    request: {
      headers: SchemeHeaders,
      params: IdParam,
      body: { content: { 'application/json': { schema: UpdateCustomerBody } } },
    },
    responses: { 200: json('Updated', CustomerView), ...errors },
  });
}

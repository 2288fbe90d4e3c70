import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { SchemeHeaders } from '../schemas/common';
import {
  AccountBody,
  AccountParams,
  BatchBody,
  BurnBody,
  CaptureBody,
  LedgerBody,
  LedgerParams,
  MintBody,
  OffsetQuery,
  RevertBody,
  TransactionParams,
  TransactionsQuery,
  TransferBody,
  UpdateLedgerBody,
  VoidBody,
  WalletParams,
} from '../schemas/ledger';
import { adminSecurity, errors, json, error } from './responses';
import { AccountView, LedgerView, TransactionView, WalletView } from '../schemas/ledger-views';

export { TransactionView, WalletView };

const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ totalCount: z.number().int(), page: z.number().int(), limit: z.number().int(), results: z.array(item) }).meta({ id });
const transactions = json('The transfers written (or, for a repeated systemUniqueKey, the original ones)', z.object({ transactions: z.array(TransactionView) }));
const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const security: Array<Record<string, string[]>> = [{ schemeId: [], apiKey: [] }, { admin: [], schemeId: [] }];
const mutationErrors = { 400: errors[400], 401: errors[401], 404: errors[404], 409: errors[409], 422: error('Business rule (insufficient points, max supply, bounds)') };

export function registerLedgerPaths(registry: OpenAPIRegistry): void {
  const c = { tags: ['ledger'], security };
  const h = { headers: SchemeHeaders.partial() };
  const acc = '/v1/ledgers/{ledgerId}/accounts/{accountId}';
  registry.registerPath({ ...c, method: 'get', path: '/v1/ledgers', summary: "The scheme's ledgers", request: { ...h, query: OffsetQuery }, responses: { 200: json('Page', page(LedgerView, 'LedgerPage')) } });
  registry.registerPath({ ...c, method: 'post', path: '/v1/ledgers', summary: 'Create a ledger', request: { ...h, body: body(LedgerBody) }, responses: { 201: json('Created', z.object({ ledger: LedgerView })), 409: errors[409] } });
  registry.registerPath({ ...c, method: 'get', path: '/v1/ledgers/{ledgerId}', summary: 'Get a ledger', request: { ...h, params: LedgerParams }, responses: { 200: json('Ledger', z.object({ ledger: LedgerView })), 404: errors[404], 409: errors[409] } });
  registry.registerPath({ ...c, method: 'put', path: '/v1/ledgers/{ledgerId}', summary: 'Update a ledger (name, description, default account)', request: { ...h, params: LedgerParams, body: body(UpdateLedgerBody) }, responses: { 200: json('Ledger', z.object({ ledger: LedgerView })), 404: errors[404], 409: errors[409] } });
  registry.registerPath({ ...c, method: 'get', path: '/v1/ledgers/{ledgerId}/accounts', summary: "A ledger's accounts", request: { ...h, params: LedgerParams, query: OffsetQuery }, responses: { 200: json('Page', page(AccountView, 'LedgerAccountPage')), 404: errors[404] } });
  registry.registerPath({ ...c, method: 'post', path: '/v1/ledgers/{ledgerId}/accounts', summary: 'Create an account (with its system wallets)', request: { ...h, params: LedgerParams, body: body(AccountBody) }, responses: { 201: json('Created', z.object({ ledgerAccount: AccountView })), 404: errors[404], 409: errors[409] } });
  registry.registerPath({ ...c, method: 'get', path: acc, summary: 'Get an account', request: { ...h, params: AccountParams }, responses: { 200: json('Account', z.object({ ledgerAccount: AccountView })), 404: errors[404], 409: errors[409] } });
  registry.registerPath({ ...c, method: 'put', path: acc, summary: 'Update an account', request: { ...h, params: AccountParams, body: body(AccountBody) }, responses: { 200: json('Account', z.object({ ledgerAccount: AccountView })), 404: errors[404], 409: errors[409] } });
  registry.registerPath({ ...c, method: 'get', path: `${acc}/transactions`, summary: "The account's transactions", request: { ...h, params: AccountParams, query: TransactionsQuery }, responses: { 200: json('Page', page(TransactionView, 'LedgerTransactionPage')), 404: errors[404] } });
  registry.registerPath({ ...c, method: 'get', path: `${acc}/wallets/{walletId}`, summary: 'A wallet balance', request: { ...h, params: WalletParams }, responses: { 200: json('Wallet', z.object({ wallet: WalletView })), 404: errors[404] } });
  registry.registerPath({
    ...c,
    method: 'put',
    path: `${acc}/customers/{customerId}/wallet`,
    summary: "A customer's wallet in this account, created on first use",
    request: { ...h, params: AccountParams.extend({ customerId: z.uuid() }) },
    responses: { 200: json('Wallet', z.object({ wallet: WalletView })), 404: errors[404] },
  });
  registry.registerPath({ ...c, method: 'post', path: `${acc}/transfers`, summary: 'Transfer between wallets (captureMethod manual = pending)', request: { ...h, params: AccountParams, body: body(TransferBody) }, responses: { 201: transactions, ...mutationErrors } });
  registry.registerPath({ ...c, method: 'post', path: `${acc}/wallets/{walletId}/mint`, summary: 'Mint: issuance → wallet', request: { ...h, params: WalletParams, body: body(MintBody) }, responses: { 201: transactions, ...mutationErrors } });
  registry.registerPath({ ...c, method: 'post', path: `${acc}/wallets/{walletId}/burn`, summary: 'Burn: wallet → redemption (manual = hold)', request: { ...h, params: WalletParams, body: body(BurnBody) }, responses: { 201: transactions, ...mutationErrors } });
  registry.registerPath({ ...c, method: 'post', path: `${acc}/transactions/{transactionId}/revert`, summary: 'Revert a posted transaction once (partially if amount given)', request: { ...h, params: TransactionParams, body: body(RevertBody) }, responses: { 201: transactions, ...mutationErrors } });
  registry.registerPath({ ...c, method: 'post', path: `${acc}/capture`, summary: 'Capture pending transactions (all, or captureAmount; the rest is released)', request: { ...h, params: AccountParams, body: body(CaptureBody) }, responses: { 201: transactions, ...mutationErrors } });
  registry.registerPath({ ...c, method: 'post', path: `${acc}/void`, summary: 'Void pending transactions', request: { ...h, params: AccountParams, body: body(VoidBody) }, responses: { 201: transactions, ...mutationErrors } });
  registry.registerPath({ ...c, method: 'post', path: '/v1/ledgers/{ledgerId}/transactions/batch', summary: 'Apply operations all or nothing', request: { ...h, params: LedgerParams, body: body(BatchBody) }, responses: { 201: transactions, ...mutationErrors } });
  registry.registerPath({
    tags: ['ledger'],
    security: adminSecurity,
    method: 'get',
    path: '/v1/ledger/verify',
    summary: "Check the ledger's invariants (all schemes, or ?schemeId=)",
    request: { query: z.object({ schemeId: z.uuid().optional() }) },
    responses: { 200: json('Result', z.object({ ok: z.boolean(), violations: z.array(z.object({ invariant: z.string(), detail: z.record(z.string(), z.unknown()) })) })) },
  });
}

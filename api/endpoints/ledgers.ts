import { z } from 'zod';
import { errors, json } from '../openapi/responses';
import { PageQuery, pageOf } from '../schemas/common';
import { AccountBody, AccountParams, LedgerBody, LedgerParams, TransactionsQuery, UpdateLedgerBody, WalletParams } from '../schemas/ledger';
import { AccountView, LedgerView, TransactionView, WalletView } from '../schemas/ledger-views';
import { endpoints } from './endpoint';

const tags = ['ledger'];

const ledger = z.object({ ledger: LedgerView });
const ledgerAccount = z.object({ ledgerAccount: AccountView });
const wallet = z.object({ wallet: WalletView });
/** An account's path: most ledger endpoints live under it. */
export const acc = '/v1/ledgers/{ledgerId}/accounts/{accountId}';

const CustomerWalletParams = AccountParams.extend({ customerId: z.uuid() });
const VerifyQuery = z.object({ schemeId: z.uuid().optional() });
const Violation = z.object({ invariant: z.string(), detail: z.record(z.string(), z.unknown()) });

/** Ledgers, accounts, wallet balances and the transaction history, shaped like the seed's Ledger API; and the invariant check. */
export const ledgerEndpoints = endpoints({
  listLedgers: {
    method: 'get',
    path: '/v1/ledgers',
    access: 'keyOrOps',
    tags,
    summary: "The scheme's ledgers",
    request: { query: PageQuery },
    responses: { 200: json('Page', pageOf(LedgerView, 'LedgerPage')) },
  },
  createLedger: {
    method: 'post',
    path: '/v1/ledgers',
    access: 'keyOrOps',
    tags,
    summary: 'Create a ledger',
    request: { body: LedgerBody, example: { name: 'Coffee stamps', description: 'One stamp per coffee; the tenth is free' } },
    responses: { 201: json('Created', ledger), 409: errors[409] },
  },
  getLedger: {
    method: 'get',
    path: '/v1/ledgers/{ledgerId}',
    access: 'keyOrOps',
    tags,
    summary: 'Get a ledger',
    request: { params: LedgerParams },
    responses: { 200: json('Ledger', ledger), 409: errors[409] },
  },
  updateLedger: {
    method: 'put',
    path: '/v1/ledgers/{ledgerId}',
    access: 'keyOrOps',
    tags,
    summary: 'Update a ledger (name, description, default account)',
    request: {
      params: LedgerParams,
      body: UpdateLedgerBody,
      example: { name: 'Points', description: 'The points ledger', defaultAccountId: '9b2f6c1e-3d4a-4e5b-8c7d-1a2b3c4d5e6f' },
    },
    responses: { 200: json('Ledger', ledger), 409: errors[409] },
  },
  listLedgerAccounts: {
    method: 'get',
    path: '/v1/ledgers/{ledgerId}/accounts',
    access: 'keyOrOps',
    tags,
    summary: "A ledger's accounts",
    request: { params: LedgerParams, query: PageQuery },
    responses: { 200: json('Page', pageOf(AccountView, 'LedgerAccountPage')) },
  },
  createLedgerAccount: {
    method: 'post',
    path: '/v1/ledgers/{ledgerId}/accounts',
    access: 'keyOrOps',
    tags,
    summary: 'Create an account (with its system wallets)',
    request: {
      params: LedgerParams,
      body: AccountBody,
      example: { name: 'Points', active: true, decimals: 0, maxSupply: '1000000000', expiresInMonths: 24, isDefaultAccount: false },
    },
    responses: { 201: json('Created', ledgerAccount), 409: errors[409] },
  },
  getLedgerAccount: {
    method: 'get',
    path: acc,
    access: 'keyOrOps',
    tags,
    summary: 'Get an account',
    request: { params: AccountParams },
    responses: { 200: json('Account', ledgerAccount), 409: errors[409] },
  },
  updateLedgerAccount: {
    method: 'put',
    path: acc,
    access: 'keyOrOps',
    tags,
    summary: 'Update an account',
    request: { params: AccountParams, body: AccountBody, example: { name: 'Points', active: true, expiresInMonths: 12 } },
    responses: { 200: json('Account', ledgerAccount), 409: errors[409] },
  },
  listLedgerTransactions: {
    method: 'get',
    path: `${acc}/transactions`,
    access: 'keyOrOps',
    tags,
    summary: "The account's transactions",
    request: { params: AccountParams, query: TransactionsQuery },
    responses: { 200: json('Page', pageOf(TransactionView, 'LedgerTransactionPage')) },
  },
  getWallet: {
    method: 'get',
    path: `${acc}/wallets/{walletId}`,
    access: 'keyOrOps',
    tags,
    summary: 'A wallet balance',
    request: { params: WalletParams },
    responses: { 200: json('Wallet', wallet) },
  },
  ensureCustomerWallet: {
    method: 'put',
    path: `${acc}/customers/{customerId}/wallet`,
    access: 'keyOrOps',
    tags,
    summary: "A customer's wallet in this account, created on first use",
    request: { params: CustomerWalletParams },
    responses: { 200: json('Wallet', wallet) },
  },
  verifyLedger: {
    method: 'get',
    path: '/v1/ledger/verify',
    access: 'admin',
    tags,
    summary: "Check the ledger's invariants (all schemes, or ?schemeId=)",
    request: { query: VerifyQuery },
    responses: { 200: json('Result', z.object({ ok: z.boolean(), violations: z.array(Violation) })) },
  },
});

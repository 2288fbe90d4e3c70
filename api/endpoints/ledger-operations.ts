import { z } from 'zod';
import { errors, json } from '../openapi/responses';
import { AccountParams, BatchBody, BurnBody, CaptureBody, LedgerParams, MintBody, RevertBody, TransactionParams, TransferBody, VoidBody, WalletParams } from '../schemas/ledger';
import { TransactionView } from '../schemas/ledger-views';
import { endpoints } from './endpoint';
import { acc } from './ledgers';

const tags = ['ledger'];

/** What every mutation answers: its transfers, or why none were written. */
const applied = {
  201: json('The transfers written (or, for a repeated systemUniqueKey, the original ones)', z.object({ transactions: z.array(TransactionView) })),
  409: errors[409],
  422: { description: 'Business rule (insufficient points, max supply, bounds)' },
};

// Ids for the examples: an account, a customer's wallet in it, another customer's, and a pending burn (a hold).
const accountId = '9b2f6c1e-3d4a-4e5b-8c7d-1a2b3c4d5e6f';
const walletId = '0d6c3f4e-8a1b-4c2d-9e3f-5a6b7c8d9e0f';
const otherWalletId = '7e1a2b3c-4d5e-4f60-8172-93a4b5c6d7e8';
const holdId = 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f';

/** Ledger mutations: each is one applyLedgerRequest workflow; the answer is its transfers. */
export const ledgerOperationEndpoints = endpoints({
  transferPoints: {
    method: 'post',
    path: `${acc}/transfers`,
    access: 'keyOrOps',
    tags,
    summary: 'Transfer between wallets (captureMethod manual = pending)',
    request: {
      params: AccountParams,
      body: TransferBody,
      example: { fromWalletId: walletId, toWalletId: otherWalletId, amount: 250, captureMethod: 'auto', systemUniqueKey: 'gift-2026-03-14-0001', description: 'A gift to a friend', tags: ['gift'] },
    },
    responses: applied,
  },
  mintPoints: {
    method: 'post',
    path: `${acc}/wallets/{walletId}/mint`,
    access: 'keyOrOps',
    tags,
    summary: 'Mint: issuance → wallet',
    request: {
      params: WalletParams,
      body: MintBody,
      example: { amount: 150, systemUniqueKey: 'sale-4711-earn', externalId: 'POS-4711', externalEventDate: '2026-03-14T10:15:00Z', tags: ['sale'] },
    },
    responses: applied,
  },
  burnPoints: {
    method: 'post',
    path: `${acc}/wallets/{walletId}/burn`,
    access: 'keyOrOps',
    tags,
    summary: 'Burn: wallet → redemption (manual = hold)',
    request: { params: WalletParams, body: BurnBody, example: { amount: '100', captureMethod: 'manual', timeoutAt: '2026-03-14T10:30:00Z', systemUniqueKey: 'sale-4712-redeem' } },
    responses: applied,
  },
  revertLedgerTransaction: {
    method: 'post',
    path: `${acc}/transactions/{transactionId}/revert`,
    access: 'keyOrOps',
    tags,
    summary: 'Revert a posted transaction once (partially if amount given)',
    request: { params: TransactionParams, body: RevertBody, example: { amount: 50, systemUniqueKey: 'return-4711-1', description: 'One of three items returned' } },
    responses: applied,
  },
  captureHolds: {
    method: 'post',
    path: `${acc}/capture`,
    access: 'keyOrOps',
    tags,
    summary: 'Capture pending transactions (all, or captureAmount; the rest is released)',
    request: { params: AccountParams, body: CaptureBody, example: { transactions: [{ ledgerTransactionId: holdId, captureAmount: 60 }], systemUniqueKey: 'sale-4712-capture' } },
    responses: applied,
  },
  voidHolds: {
    method: 'post',
    path: `${acc}/void`,
    access: 'keyOrOps',
    tags,
    summary: 'Void pending transactions',
    request: { params: AccountParams, body: VoidBody, example: { transactions: [{ ledgerTransactionId: holdId }], systemUniqueKey: 'sale-4712-void' } },
    responses: applied,
  },
  applyLedgerBatch: {
    method: 'post',
    path: '/v1/ledgers/{ledgerId}/transactions/batch',
    access: 'keyOrOps',
    tags,
    summary: 'Apply operations all or nothing',
    request: {
      params: LedgerParams,
      body: BatchBody,
      example: {
        systemUniqueKey: 'promo-2026-03-welcome',
        operations: [
          { type: 'mint', accountId, walletId, amount: 10 },
          { type: 'transfer', accountId, fromWalletId: walletId, toWalletId: otherWalletId, amount: 4 },
        ],
      },
    },
    responses: applied,
  },
});

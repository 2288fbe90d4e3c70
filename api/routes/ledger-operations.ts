import { Router, type RequestHandler } from 'express';
import { NotFoundError } from '../../domain/errors';
import type { LedgerOp } from '../../domain/ledger/operations';
import type { LedgerRepository } from '../../domain/ports';
import { schemeOf } from '../middleware/auth';
import type { LedgerWorkflows } from '../ports';
import { AccountParams, BatchBody, BurnBody, CaptureBody, LedgerParams, MintBody, RevertBody, TransactionParams, TransferBody, VoidBody, WalletParams } from '../schemas/ledger';
import { parse } from '../validation';
import { runLedgerRequest, tracking } from './ledger-request';

/** Ledger mutations: each is one applyLedgerRequest workflow; the response is its transfers. */
export function ledgerOperationsRouter(auth: RequestHandler, ledgers: LedgerRepository, workflows: LedgerWorkflows): Router {
  const router = Router();
  const base = '/v1/ledgers/:ledgerId/accounts/:accountId';

  const account = async (res: Parameters<RequestHandler>[1], params: unknown) => {
    const p = parse(AccountParams, params, 'params');
    if (!(await ledgers.getAccount(schemeOf(res.locals), p.ledgerId, p.accountId))) throw new NotFoundError('Ledger account');
    return p;
  };

  router.post(`${base}/transfers`, auth, async (req, res) => {
    const { accountId } = await account(res, req.params);
    const b = parse(TransferBody, req.body, 'body');
    const op: LedgerOp = {
      type: 'transfer',
      accountId,
      fromWalletId: b.fromWalletId,
      toWalletId: b.toWalletId,
      amount: b.amount,
      pending: b.captureMethod === 'manual',
      ...(b.timeoutAt ? { timeoutAt: b.timeoutAt } : {}),
      ...(b.allowOverdraft ? { allowOverdraft: true } : {}),
      ...tracking(b),
    };
    res.status(201).json({ transactions: (await runLedgerRequest(workflows, res, 'transfer', b.systemUniqueKey, [op])).transfers });
  });

  router.post(`${base}/wallets/:walletId/mint`, auth, async (req, res) => {
    const { accountId, walletId } = parse(WalletParams, req.params, 'params');
    await account(res, req.params);
    const b = parse(MintBody, req.body, 'body');
    const ops: LedgerOp[] = [{ type: 'mint', accountId, walletId, amount: b.amount, ...tracking(b) }];
    res.status(201).json({ transactions: (await runLedgerRequest(workflows, res, 'mint', b.systemUniqueKey, ops)).transfers });
  });

  router.post(`${base}/wallets/:walletId/burn`, auth, async (req, res) => {
    const { accountId, walletId } = parse(WalletParams, req.params, 'params');
    await account(res, req.params);
    const b = parse(BurnBody, req.body, 'body');
    const ops: LedgerOp[] = [
      { type: 'burn', accountId, walletId, amount: b.amount, pending: b.captureMethod === 'manual', ...(b.timeoutAt ? { timeoutAt: b.timeoutAt } : {}), ...tracking(b) },
    ];
    res.status(201).json({ transactions: (await runLedgerRequest(workflows, res, 'burn', b.systemUniqueKey, ops)).transfers });
  });

  router.post(`${base}/transactions/:transactionId/revert`, auth, async (req, res) => {
    const { accountId, transactionId } = parse(TransactionParams, req.params, 'params');
    await account(res, req.params);
    const b = parse(RevertBody, req.body, 'body');
    const ops: LedgerOp[] = [{ type: 'revert', accountId, transferId: transactionId, ...(b.amount ? { amount: b.amount } : {}), ...tracking(b) }];
    res.status(201).json({ transactions: (await runLedgerRequest(workflows, res, 'revert', b.systemUniqueKey, ops)).transfers });
  });

  router.post(`${base}/capture`, auth, async (req, res) => {
    const { accountId } = await account(res, req.params);
    const b = parse(CaptureBody, req.body, 'body');
    const ops: LedgerOp[] = b.transactions.map((t) => ({
      type: 'capture',
      accountId,
      pendingTransferId: t.ledgerTransactionId,
      ...(t.captureAmount ? { amount: t.captureAmount } : {}),
      ...tracking(b),
    }));
    res.status(201).json({ transactions: (await runLedgerRequest(workflows, res, 'capture', b.systemUniqueKey, ops)).transfers });
  });

  router.post(`${base}/void`, auth, async (req, res) => {
    const { accountId } = await account(res, req.params);
    const b = parse(VoidBody, req.body, 'body');
    const ops: LedgerOp[] = b.transactions.map((t) => ({ type: 'void', accountId, pendingTransferId: t.ledgerTransactionId, ...tracking(b) }));
    res.status(201).json({ transactions: (await runLedgerRequest(workflows, res, 'void', b.systemUniqueKey, ops)).transfers });
  });

  router.post('/v1/ledgers/:ledgerId/transactions/batch', auth, async (req, res) => {
    const { ledgerId } = parse(LedgerParams, req.params, 'params');
    const b = parse(BatchBody, req.body, 'body');
    const schemeId = schemeOf(res.locals);
    for (const accountId of new Set(b.operations.map((o) => o.accountId))) {
      if (!(await ledgers.getAccount(schemeId, ledgerId, accountId))) throw new NotFoundError('Ledger account');
    }
    const t = tracking(b);
    const ops: LedgerOp[] = b.operations.map((o): LedgerOp => {
      switch (o.type) {
        case 'transfer':
          return { type: 'transfer', accountId: o.accountId, fromWalletId: o.fromWalletId, toWalletId: o.toWalletId, amount: o.amount, pending: o.captureMethod === 'manual', ...(o.allowOverdraft ? { allowOverdraft: true } : {}), ...t };
        case 'mint':
          return { type: 'mint', accountId: o.accountId, walletId: o.walletId, amount: o.amount, ...t };
        case 'burn':
          return { type: 'burn', accountId: o.accountId, walletId: o.walletId, amount: o.amount, pending: o.captureMethod === 'manual', ...t };
        case 'capture':
          return { type: 'capture', accountId: o.accountId, pendingTransferId: o.ledgerTransactionId, ...(o.captureAmount ? { amount: o.captureAmount } : {}), ...t };
        case 'void':
          return { type: 'void', accountId: o.accountId, pendingTransferId: o.ledgerTransactionId, ...t };
        case 'revert':
          return { type: 'revert', accountId: o.accountId, transferId: o.ledgerTransactionId, ...(o.amount ? { amount: o.amount } : {}), ...t };
      }
    });
    res.status(201).json({ transactions: (await runLedgerRequest(workflows, res, 'batch', b.systemUniqueKey, ops)).transfers });
  });

  return router;
}

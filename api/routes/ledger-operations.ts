import type { Response } from 'express';
import { NotFoundError } from '../../domain/errors';
import type { LedgerOp } from '../../domain/ledger/operations';
import type { LedgerRepository } from '../../domain/ports';
import { created, type Handlers } from '../endpoints/endpoint';
import type { ledgerOperationEndpoints } from '../endpoints/ledger-operations';
import { schemeOf } from '../middleware/auth';
import type { LedgerWorkflows } from '../ports';
import { runLedgerRequest, tracking } from './ledger-request';

export interface LedgerOperationHandlerDeps {
  ledgers: LedgerRepository;
  workflows: LedgerWorkflows;
}

/** Ledger mutations: each is one applyLedgerRequest workflow; the response is its transfers. */
export function ledgerOperationHandlers({ ledgers, workflows }: LedgerOperationHandlerDeps): Handlers<typeof ledgerOperationEndpoints> {
  /** Scoped by scheme: another scheme's account is indistinguishable from none. */
  const account = async (res: Response, ledgerId: string, accountId: string) => {
    if (!(await ledgers.getAccount(schemeOf(res.locals), ledgerId, accountId))) throw new NotFoundError('Ledger account');
  };
  const apply = async (res: Response, route: string, systemUniqueKey: string | undefined, ops: LedgerOp[]) =>
    created({ transactions: (await runLedgerRequest(workflows, res, route, systemUniqueKey, ops)).transfers });

  return {
    async transferPoints({ params: { ledgerId, accountId }, body: b, res }) {
      await account(res, ledgerId, accountId);
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
      return apply(res, 'transfer', b.systemUniqueKey, [op]);
    },

    async mintPoints({ params: { ledgerId, accountId, walletId }, body: b, res }) {
      await account(res, ledgerId, accountId);
      return apply(res, 'mint', b.systemUniqueKey, [{ type: 'mint', accountId, walletId, amount: b.amount, ...tracking(b) }]);
    },

    async burnPoints({ params: { ledgerId, accountId, walletId }, body: b, res }) {
      await account(res, ledgerId, accountId);
      const ops: LedgerOp[] = [
        { type: 'burn', accountId, walletId, amount: b.amount, pending: b.captureMethod === 'manual', ...(b.timeoutAt ? { timeoutAt: b.timeoutAt } : {}), ...tracking(b) },
      ];
      return apply(res, 'burn', b.systemUniqueKey, ops);
    },

    async revertLedgerTransaction({ params: { ledgerId, accountId, transactionId }, body: b, res }) {
      await account(res, ledgerId, accountId);
      const ops: LedgerOp[] = [{ type: 'revert', accountId, transferId: transactionId, ...(b.amount ? { amount: b.amount } : {}), ...tracking(b) }];
      return apply(res, 'revert', b.systemUniqueKey, ops);
    },

    async captureHolds({ params: { ledgerId, accountId }, body: b, res }) {
      await account(res, ledgerId, accountId);
      const ops: LedgerOp[] = b.transactions.map((t) => ({
        type: 'capture',
        accountId,
        pendingTransferId: t.ledgerTransactionId,
        ...(t.captureAmount ? { amount: t.captureAmount } : {}),
        ...tracking(b),
      }));
      return apply(res, 'capture', b.systemUniqueKey, ops);
    },

    async voidHolds({ params: { ledgerId, accountId }, body: b, res }) {
      await account(res, ledgerId, accountId);
      const ops: LedgerOp[] = b.transactions.map((t) => ({ type: 'void', accountId, pendingTransferId: t.ledgerTransactionId, ...tracking(b) }));
      return apply(res, 'void', b.systemUniqueKey, ops);
    },

    async applyLedgerBatch({ params: { ledgerId }, body: b, res }) {
      for (const accountId of new Set(b.operations.map((o) => o.accountId))) await account(res, ledgerId, accountId);
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
      return apply(res, 'batch', b.systemUniqueKey, ops);
    },
  };
}

import { Router, type RequestHandler } from 'express';
import { NotFoundError } from '../../domain/errors';
import { z } from 'zod';
import type { LedgerPort, LedgerRepository } from '../../domain/ports';
import { schemeOf } from '../middleware/auth';
import { AccountBody, AccountParams, LedgerBody, LedgerParams, OffsetQuery, TransactionsQuery, UpdateLedgerBody, WalletParams } from '../schemas/ledger';
import { parse } from '../validation';
import { transferToWire } from '../../domain/ledger/wire';

/** Ledgers, accounts, wallet balances and the transaction history, shaped like the seed's Ledger API. */
export function ledgersRouter(auth: RequestHandler, ledgers: LedgerRepository, ledger: Pick<LedgerPort, 'customerWallet'>): Router {
  const router = Router();

  router.get('/v1/ledgers', auth, async (req, res) => {
    const { page, limit } = parse(OffsetQuery, req.query, 'query');
    res.json(await ledgers.listLedgers(schemeOf(res.locals), page, limit));
  });

  router.post('/v1/ledgers', auth, async (req, res) => {
    const body = parse(LedgerBody, req.body, 'body');
    res.status(201).json({ ledger: await ledgers.createLedger(schemeOf(res.locals), body) });
  });

  router.get('/v1/ledgers/:ledgerId', auth, async (req, res) => {
    const { ledgerId } = parse(LedgerParams, req.params, 'params');
    const ledger = await ledgers.getLedger(schemeOf(res.locals), ledgerId);
    if (!ledger) throw new NotFoundError('Ledger');
    res.json({ ledger });
  });

  router.put('/v1/ledgers/:ledgerId', auth, async (req, res) => {
    const { ledgerId } = parse(LedgerParams, req.params, 'params');
    const body = parse(UpdateLedgerBody, req.body, 'body');
    res.json({ ledger: await ledgers.updateLedger(schemeOf(res.locals), ledgerId, body) });
  });

  router.get('/v1/ledgers/:ledgerId/accounts', auth, async (req, res) => {
    const { ledgerId } = parse(LedgerParams, req.params, 'params');
    const { page, limit } = parse(OffsetQuery, req.query, 'query');
    const schemeId = schemeOf(res.locals);
    if (!(await ledgers.getLedger(schemeId, ledgerId))) throw new NotFoundError('Ledger');
    res.json(await ledgers.listAccounts(schemeId, ledgerId, page, limit));
  });

  router.post('/v1/ledgers/:ledgerId/accounts', auth, async (req, res) => {
    const { ledgerId } = parse(LedgerParams, req.params, 'params');
    const body = parse(AccountBody, req.body, 'body');
    res.status(201).json({ ledgerAccount: await ledgers.createAccount(schemeOf(res.locals), ledgerId, body) });
  });

  router.get('/v1/ledgers/:ledgerId/accounts/:accountId', auth, async (req, res) => {
    const { ledgerId, accountId } = parse(AccountParams, req.params, 'params');
    const account = await ledgers.getAccount(schemeOf(res.locals), ledgerId, accountId);
    if (!account) throw new NotFoundError('Ledger account');
    res.json({ ledgerAccount: account });
  });

  router.put('/v1/ledgers/:ledgerId/accounts/:accountId', auth, async (req, res) => {
    const { ledgerId, accountId } = parse(AccountParams, req.params, 'params');
    const body = parse(AccountBody, req.body, 'body');
    res.json({ ledgerAccount: await ledgers.updateAccount(schemeOf(res.locals), ledgerId, accountId, body) });
  });

  router.get('/v1/ledgers/:ledgerId/accounts/:accountId/transactions', auth, async (req, res) => {
    const { ledgerId, accountId } = parse(AccountParams, req.params, 'params');
    const q = parse(TransactionsQuery, req.query, 'query');
    const schemeId = schemeOf(res.locals);
    if (!(await ledgers.getAccount(schemeId, ledgerId, accountId))) throw new NotFoundError('Ledger account');
    const page = await ledgers.listTransfers(schemeId, accountId, {
      ...q,
      order: q.order === 'createdAt,asc' ? 'asc' : 'desc',
      tags: q.tags?.split(',').filter(Boolean),
    });
    res.json({ ...page, results: page.results.map(transferToWire) });
  });

  router.get('/v1/ledgers/:ledgerId/accounts/:accountId/wallets/:walletId', auth, async (req, res) => {
    const { ledgerId, accountId, walletId } = parse(WalletParams, req.params, 'params');
    const schemeId = schemeOf(res.locals);
    if (!(await ledgers.getAccount(schemeId, ledgerId, accountId))) throw new NotFoundError('Ledger account');
    const wallet = await ledgers.getWallet(schemeId, accountId, walletId);
    if (!wallet) throw new NotFoundError('Wallet');
    res.json({ wallet });
  });

  /** A customer's wallet in any account, created on first use (idempotent). */
  router.put('/v1/ledgers/:ledgerId/accounts/:accountId/customers/:customerId/wallet', auth, async (req, res) => {
    const { ledgerId, accountId, customerId } = parse(AccountParams.extend({ customerId: z.uuid() }), req.params, 'params');
    const schemeId = schemeOf(res.locals);
    if (!(await ledgers.getAccount(schemeId, ledgerId, accountId))) throw new NotFoundError('Ledger account');
    const wallet = await ledger.customerWallet(schemeId, accountId, customerId);
    res.json({ wallet: await ledgers.getWallet(schemeId, accountId, wallet.id) });
  });

  return router;
}

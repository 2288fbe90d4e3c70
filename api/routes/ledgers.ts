import { NotFoundError } from '../../domain/errors';
import type { LedgerPort, LedgerRepository } from '../../domain/ports';
import { transferToWire } from '../../domain/ledger/wire';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { ledgerEndpoints } from '../endpoints/ledgers';
import { schemeOf } from '../middleware/auth';
import type { AppDeps, ExpiryWorkflows } from '../ports';

export interface LedgerHandlerDeps {
  ledgers: LedgerRepository;
  ledger: Pick<LedgerPort, 'customerWallet'>;
  verifyLedger: AppDeps['verifyLedger'];
  /** Hears each check's result (the ledger-check gauge). */
  checked?: (scheme: string, violations: number) => void;
  expiry: ExpiryWorkflows;
}

/** Ledgers, accounts, wallet balances and the transaction history, shaped like the seed's Ledger API. */
export function ledgerHandlers({ ledgers, ledger, verifyLedger, expiry, checked }: LedgerHandlerDeps): Handlers<typeof ledgerEndpoints> {
  /** Scoped by scheme: another scheme's account is indistinguishable from none. */
  const existingAccount = async (schemeId: string, ledgerId: string, accountId: string) => {
    const account = await ledgers.getAccount(schemeId, ledgerId, accountId);
    if (!account) throw new NotFoundError('Ledger account');
    return account;
  };

  /** An account whose points expire needs its scheme's expiry schedule (ensured on every change: a retry repairs a lost one). */
  const scheduled = async <A extends { expiresInMonths: number | null }>(schemeId: string, account: A): Promise<A> => {
    if ((account.expiresInMonths ?? 0) > 0) await expiry.ensureSchedule(schemeId);
    return account;
  };

  return {
    async listLedgers({ query, res }) {
      return ok(await ledgers.listLedgers(schemeOf(res.locals), query));
    },

    async createLedger({ body, res }) {
      return created({ ledger: await ledgers.createLedger(schemeOf(res.locals), body) });
    },

    async getLedger({ params: { ledgerId }, res }) {
      const found = await ledgers.getLedger(schemeOf(res.locals), ledgerId);
      if (!found) throw new NotFoundError('Ledger');
      return ok({ ledger: found });
    },

    async updateLedger({ params: { ledgerId }, body, res }) {
      return ok({ ledger: await ledgers.updateLedger(schemeOf(res.locals), ledgerId, body) });
    },

    async listLedgerAccounts({ params: { ledgerId }, query, res }) {
      const schemeId = schemeOf(res.locals);
      if (!(await ledgers.getLedger(schemeId, ledgerId))) throw new NotFoundError('Ledger');
      return ok(await ledgers.listAccounts(schemeId, ledgerId, query));
    },

    async createLedgerAccount({ params: { ledgerId }, body, res }) {
      return created({ ledgerAccount: await scheduled(schemeOf(res.locals), await ledgers.createAccount(schemeOf(res.locals), ledgerId, body)) });
    },

    async getLedgerAccount({ params: { ledgerId, accountId }, res }) {
      return ok({ ledgerAccount: await existingAccount(schemeOf(res.locals), ledgerId, accountId) });
    },

    async updateLedgerAccount({ params: { ledgerId, accountId }, body, res }) {
      return ok({ ledgerAccount: await scheduled(schemeOf(res.locals), await ledgers.updateAccount(schemeOf(res.locals), ledgerId, accountId, body)) });
    },

    async listLedgerTransactions({ params: { ledgerId, accountId }, query, res }) {
      const schemeId = schemeOf(res.locals);
      await existingAccount(schemeId, ledgerId, accountId);
      const page = await ledgers.listTransfers(schemeId, accountId, {
        ...query,
        order: query.order === 'createdAt,asc' ? 'asc' : 'desc',
        tags: query.tags?.split(',').filter(Boolean),
      });
      return ok({ ...page, data: page.data.map(transferToWire) });
    },

    async getWallet({ params: { ledgerId, accountId, walletId }, res }) {
      const schemeId = schemeOf(res.locals);
      await existingAccount(schemeId, ledgerId, accountId);
      const wallet = await ledgers.getWallet(schemeId, accountId, walletId);
      if (!wallet) throw new NotFoundError('Wallet');
      return ok({ wallet });
    },

    /** A customer's wallet in any account, created on first use (idempotent). */
    async ensureCustomerWallet({ params: { ledgerId, accountId, customerId }, res }) {
      const schemeId = schemeOf(res.locals);
      await existingAccount(schemeId, ledgerId, accountId);
      const wallet = await ledger.customerWallet(schemeId, accountId, customerId);
      return ok({ wallet: await ledgers.getWallet(schemeId, accountId, wallet.id) });
    },

    /** The admin token names no scheme: the one to check (or, without it, all) comes from the query. */
    async verifyLedger({ query: { schemeId } }) {
      const violations = await verifyLedger(schemeId ?? null);
      checked?.(schemeId ?? 'all', violations.length);
      return ok({ ok: violations.length === 0, violations });
    },
  };
}

import { LockMode } from '@mikro-orm/core';
import { WALLET_SLICES, WALLET_TOTALS } from '../ledger/wallet-totals';
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { Transfer } from '../../domain/ledger/operations';
import type { LedgerAccountView, LedgerView, NewLedgerAccount, TransferFilter, WalletView } from '../../domain/ledger/views';
import { available, posted } from '../../domain/ledger/wallet';
import type { LedgerRepository } from '../../domain/ports';
import { LedgerAccountEntity } from '../entities/ledger-account.entity';
import { LedgerEntity } from '../entities/ledger.entity';
import { createSystemWallets } from '../ledger/provision';
import { queryIn } from '../ledger/ledger-engine';
import { toTransfer, toWallet, type TransferRow, type WalletRow } from '../ledger/rows';
import type { Orm } from '../orm';
import type { Page, PageRequest } from '../../domain/pagination';
import { byCreation, entityPage, keysetPage } from './keyset-page';
import { violatedConstraint } from './unique-violation';

const toAccountView = (a: LedgerAccountEntity): LedgerAccountView => ({
  id: a.id,
  ledgerId: a.ledgerId,
  name: a.name,
  active: a.active,
  decimals: a.decimals,
  maxSupply: a.maxSupply,
  expiresInMonths: a.expiresInMonths,
  isDefaultAccount: a.isDefault,
  createdAt: a.createdAt.toISOString(),
});

/** The holder wallets of an account, locked in the ledger's lock order (db/ledger/sql/apply.sql.ts) so no posting runs beside the change. */
const LOCKED_HOLDERS = `select w.id, w.scheme_id, w.credits_posted - w.debits_posted - w.debits_pending as available
    from wallets w where w.account_id = ? and w.kind in ('customer', 'giftcard')
   order by case when w.customer_id is not null then 0 when w.kind = 'giftcard' then 1 else 2 end, w.id
   for no key update`;

/**
 * An account whose points start to expire: each holder's balance as it stands becomes one opening lot, earned now
 * (a negative balance becomes the wallet's lot debt), so lots hold the available balance from the first posting on.
 */
function openingLots(accountId: string, months: number, schemeId: string): { sql: string; params: unknown[] } {
  return {
    sql: `with locked as (${LOCKED_HOLDERS}),
            opened as (insert into point_lots (scheme_id, wallet_id, transfer_id, amount, remaining, earned_at, expires_at)
                       select scheme_id, id, null, available, available, now(),
                              ledger_lot_expiry(now(), ?, (select time_zone from schemes where id = ?)) from locked where available > 0 returning 1)
          insert into lot_debts (wallet_id, amount) select id, -available from locked where available < 0
          on conflict (wallet_id) do update set amount = excluded.amount`,
    params: [accountId, months, schemeId],
  };
}

/** An account whose points no longer expire: its lots go (they would no longer be kept). */
function droppedLots(accountId: string): { sql: string; params: unknown[] } {
  return {
    sql: `with locked as (${LOCKED_HOLDERS}), debts as (delete from lot_debts where wallet_id in (select id from locked))
          delete from point_lots where wallet_id in (select id from locked)`,
    params: [accountId],
  };
}

function walletView(row: WalletRow & { ledger_id: string }): WalletView {
  const w = toWallet(row);
  return {
    walletId: w.id,
    ledgerId: row.ledger_id,
    accountId: w.accountId,
    kind: w.kind,
    customerId: w.customerId,
    available: available(w).toString(),
    posted: posted(w).toString(),
    pending: (w.debitsPending - w.creditsPending).toString(),
    debitsPosted: w.debitsPosted.toString(),
    creditsPosted: w.creditsPosted.toString(),
    debitsPending: w.debitsPending.toString(),
    creditsPending: w.creditsPending.toString(),
  };
}

const duplicateName = (err: unknown) => {
  if (violatedConstraint(err)) return new ConflictError('The name is already taken', [{ path: 'name', message: 'already taken' }]);
  return err;
};

export class MikroLedgerRepository implements LedgerRepository {
  constructor(private readonly orm: Orm) {}

  private async ledgerView(l: LedgerEntity): Promise<LedgerView> {
    const def = await this.orm.em.fork().findOne(LedgerAccountEntity, { ledgerId: l.id, isDefault: true }, { fields: ['id'] });
    return { id: l.id, name: l.name, description: l.description, isDefault: l.isDefault, defaultAccountId: def?.id ?? null, createdAt: l.createdAt.toISOString() };
  }

  async listLedgers(schemeId: string, page: PageRequest): Promise<Page<LedgerView>> {
    const found = await entityPage(this.orm.em.fork(), LedgerEntity, { from: 'ledgers', where: ['scheme_id = ?'], params: [schemeId], key: byCreation(), order: 'asc' }, page);
    return { ...found, data: await Promise.all(found.data.map((l) => this.ledgerView(l))) };
  }

  async createLedger(schemeId: string, input: { name: string; description?: string | null }): Promise<LedgerView> {
    const em = this.orm.em.fork();
    const l = em.create(LedgerEntity, { id: randomUUID(), schemeId, name: input.name, description: input.description ?? null, isDefault: false, createdAt: new Date() });
    await em.flush().catch((err) => Promise.reject(duplicateName(err)));
    return this.ledgerView(l);
  }

  async getLedger(schemeId: string, ledgerId: string): Promise<LedgerView | null> {
    const l = await this.orm.em.fork().findOne(LedgerEntity, { id: ledgerId, schemeId });
    return l ? this.ledgerView(l) : null;
  }

  async updateLedger(schemeId: string, ledgerId: string, input: { name: string; description?: string | null; defaultAccountId?: string }): Promise<LedgerView> {
    const em = this.orm.em.fork();
    await em.transactional(async (tx) => {
      const l = await tx.findOne(LedgerEntity, { id: ledgerId, schemeId });
      if (!l) throw new NotFoundError('Ledger');
      l.name = input.name;
      if (input.description !== undefined) l.description = input.description;
      if (input.defaultAccountId) {
        const target = await tx.findOne(LedgerAccountEntity, { id: input.defaultAccountId, ledgerId });
        if (!target) throw new NotFoundError('Ledger account');
        // The others only: the target is already loaded, so clearing it here too would leave the
        // flush thinking nothing changed and the ledger with no default account.
        await tx.nativeUpdate(LedgerAccountEntity, { ledgerId, isDefault: true, id: { $ne: target.id } }, { isDefault: false });
        target.isDefault = true;
      }
    }).catch((err) => Promise.reject(duplicateName(err)));
    return (await this.getLedger(schemeId, ledgerId)) as LedgerView;
  }

  async listAccounts(schemeId: string, ledgerId: string, page: PageRequest): Promise<Page<LedgerAccountView>> {
    const where = { from: 'ledger_accounts', where: ['scheme_id = ?', 'ledger_id = ?'], params: [schemeId, ledgerId], key: byCreation(), order: 'asc' as const };
    const found = await entityPage(this.orm.em.fork(), LedgerAccountEntity, where, page);
    return { ...found, data: found.data.map(toAccountView) };
  }

  async createAccount(schemeId: string, ledgerId: string, input: NewLedgerAccount): Promise<LedgerAccountView> {
    const em = this.orm.em.fork();
    const created = await em.transactional(async (tx) => {
      if (!(await tx.findOne(LedgerEntity, { id: ledgerId, schemeId }))) throw new NotFoundError('Ledger');
      if (input.isDefaultAccount) await tx.nativeUpdate(LedgerAccountEntity, { ledgerId, isDefault: true }, { isDefault: false });
      const a = tx.create(LedgerAccountEntity, {
        id: randomUUID(),
        schemeId,
        ledgerId,
        name: input.name,
        active: input.active,
        decimals: input.decimals ?? 0,
        maxSupply: input.maxSupply === undefined || input.maxSupply === null ? null : input.maxSupply.toString(),
        expiresInMonths: input.expiresInMonths ?? null,
        isDefault: input.isDefaultAccount ?? false,
        createdAt: new Date(),
      });
      // An account and its system wallets exist together: it can post at once.
      createSystemWallets(tx, schemeId, a.id);
      return a;
    }).catch((err) => Promise.reject(duplicateName(err)));
    return toAccountView(created);
  }

  async getAccount(schemeId: string, ledgerId: string, accountId: string): Promise<LedgerAccountView | null> {
    const a = await this.orm.em.fork().findOne(LedgerAccountEntity, { id: accountId, ledgerId, schemeId });
    return a ? toAccountView(a) : null;
  }

  async updateAccount(schemeId: string, ledgerId: string, accountId: string, input: NewLedgerAccount): Promise<LedgerAccountView> {
    const em = this.orm.em.fork();
    const updated = await em.transactional(async (tx) => {
      // Locked: two changes of the expiry at once must not both open (or drop) the lots.
      const a = await tx.findOne(LedgerAccountEntity, { id: accountId, ledgerId, schemeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!a) throw new NotFoundError('Ledger account');
      if (input.isDefaultAccount && !a.isDefault) await tx.nativeUpdate(LedgerAccountEntity, { ledgerId, isDefault: true }, { isDefault: false });
      a.name = input.name;
      a.active = input.active;
      if (input.decimals !== undefined) a.decimals = input.decimals;
      if (input.maxSupply !== undefined) a.maxSupply = input.maxSupply === null ? null : input.maxSupply.toString();
      const expiredBefore = (a.expiresInMonths ?? 0) > 0;
      if (input.expiresInMonths !== undefined) a.expiresInMonths = input.expiresInMonths;
      if (input.isDefaultAccount !== undefined) a.isDefault = input.isDefaultAccount;
      await tx.flush();
      const expiresNow = (a.expiresInMonths ?? 0) > 0;
      if (expiresNow !== expiredBefore) {
        const { sql, params } = expiresNow ? openingLots(a.id, a.expiresInMonths as number, schemeId) : droppedLots(a.id);
        await queryIn(tx)(sql, params);
      }
      return a;
    }).catch((err) => Promise.reject(duplicateName(err)));
    return toAccountView(updated);
  }

  async listTransfers(schemeId: string, accountId: string, f: TransferFilter): Promise<Page<Transfer>> {
    const where = ['scheme_id = ?', 'account_id = ?'];
    const params: unknown[] = [schemeId, accountId];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (f.fromExternalEventDate) add('external_event_date >= ?', f.fromExternalEventDate);
    if (f.toExternalEventDate) add('external_event_date <= ?', f.toExternalEventDate);
    if (f.systemUniqueKey) add('system_unique_key = ?', f.systemUniqueKey);
    if (f.walletId) add('(debit_wallet_id = ? or credit_wallet_id = ?)', f.walletId, f.walletId);
    if (f.tags?.length) add('tags @> ?::jsonb', JSON.stringify(f.tags));
    // Along transfers (account_id, created_at); the id breaks ties within a microsecond.
    return keysetPage(queryIn(this.orm.em.fork()), { select: '*', from: 'transfers', where, params, key: byCreation(), order: f.order }, f, (r: TransferRow) => toTransfer(r));
  }

  async getWallet(schemeId: string, accountId: string, walletId: string): Promise<WalletView | null> {
    const [row] = await this.orm.em
      .fork()
      .getConnection()
      .execute(
        // A system wallet's totals include its slices.
        `select w.id, w.scheme_id, w.account_id, w.kind, w.customer_id, w.created_at, ${WALLET_TOTALS}, a.ledger_id
           from wallets w join ledger_accounts a on a.id = w.account_id ${WALLET_SLICES}
          where w.id = ? and w.account_id = ? and w.scheme_id = ?`,
        [walletId, accountId, schemeId],
        'all',
      );
    return row ? walletView(row as WalletRow & { ledger_id: string }) : null;
  }

  async customerWallets(schemeId: string, customerId: string): Promise<WalletView[]> {
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute(
        'select w.*, a.ledger_id from wallets w join ledger_accounts a on a.id = w.account_id where w.customer_id = ? and w.scheme_id = ? order by a.created_at, w.id',
        [customerId, schemeId],
        'all',
      );
    return (rows as Array<WalletRow & { ledger_id: string }>).map(walletView);
  }
}

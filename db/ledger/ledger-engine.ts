import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from '../../domain/errors';
import type { LedgerRequest, LedgerResult, Transfer, Wallet } from '../../domain/ledger/operations';
import { planLedgerRequest, referencedIds, walletsToLock, type PlanAccount, type PlanWallet } from '../../domain/ledger/plan';
import type { Orm } from '../orm';
import { violatedConstraint } from '../repositories/unique-violation';
import { customerOwnerKey } from './provision';
import { toTransfer, toWallet, totalsOf, type TransferRow, type WalletRow } from './rows';
import { uuidArray } from '../sql-arrays';
import { recordFollowUps } from '../follow-ups/outbox';
import { lockWalletRows } from './wallet-locks';
import { writePlan, type WalletWrites } from './write-plan';
import { isHolderWallet, type WalletTotals } from '../../domain/ledger/wallet';
import { WALLET_ROWS } from './wallet-totals';

export { uuidArray };

async function mapLedgerConstraints<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    switch (violatedConstraint(err)) {
      case 'transfers_scheme_system_unique_key_unique':
        // Only reachable if the advisory lock was bypassed; the constraint still wins.
        throw new ConflictError('A concurrent request with this systemUniqueKey won; retry to read its result');
      case 'transfers_pending_id_unique':
        throw new ConflictError('This pending transfer was already captured, voided or expired');
      case 'transfers_reversal_of_unique':
        throw new ConflictError('This transaction was already reverted');
      default:
        throw err;
    }
  }
}

const minus = (a: WalletTotals, b: WalletTotals): WalletTotals => ({
  debitsPosted: a.debitsPosted - b.debitsPosted,
  creditsPosted: a.creditsPosted - b.creditsPosted,
  debitsPending: a.debitsPending - b.debitsPending,
  creditsPending: a.creditsPending - b.creditsPending,
});

/** Holders get their new totals (their rows are locked); system wallets get what this request adds, in its slice. */
function walletWrites(before: Map<string, PlanWallet>, after: Map<string, WalletTotals>): WalletWrites {
  const writes: WalletWrites = { totals: new Map(), deltas: new Map() };
  for (const [id, totals] of after) {
    const wallet = before.get(id) as PlanWallet;
    if (isHolderWallet(wallet.kind)) writes.totals.set(id, totals);
    else writes.deltas.set(id, minus(totals, wallet.totals));
  }
  return writes;
}

/** A capped account's mints must see each other's supply: its issuance wallet is locked; no other system wallet is. */
function cappedIssuance(req: LedgerRequest, accounts: Map<string, PlanAccount>): string[] {
  const ids = req.ops.flatMap((op) => {
    const account = op.type === 'mint' ? accounts.get(op.accountId) : undefined;
    return account && account.maxSupply !== null ? [account.system.issuance] : [];
  });
  return [...new Set(ids)];
}

/** Each new hold with a timeoutAt, handed to the outbox in the hold's own transaction: its expiry is as durable as the hold. */
async function recordHoldExpiries(q: Query, schemeId: string, transfers: Transfer[]): Promise<void> {
  for (const t of transfers) {
    if (t.status !== 'pending' || !t.timeoutAt) continue;
    await recordFollowUps(q, { schemeId, key: `ledger-hold/${t.id}`, lane: t.debitWalletId, steps: [{ kind: 'holdTimeout', schemeId, accountId: t.accountId, transferId: t.id, timeoutAt: t.timeoutAt }] });
  }
}

/** A statement with `?` placeholders; `name` (honoured by the posting connections) prepares it once per connection. */
export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[], opts?: { name?: string }) => Promise<T[]>;

export function queryIn(em: EntityManager): Query {
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  return (sql, params = []) => conn.execute(sql, params, 'all', trx) as never;
}

/**
 * The double-entry engine. One request = one PostgreSQL transaction that
 * (1) serialises on its idempotency key (advisory lock), (2) returns the
 * original result if the key was applied, (3) locks every touched wallet in id
 * order (no deadlocks between requests), (4) plans with the pure rules and
 * (5) writes the transfers and the new totals together. Unique constraints
 * back every "at most once": the key, a pending's resolution, a reversal.
 */
export class LedgerEngine {
  constructor(private readonly orm: Orm) {}

  async apply(req: LedgerRequest, options: { expireHolds?: boolean } = {}): Promise<LedgerResult> {
    return mapLedgerConstraints(() =>
      this.orm.em.fork().transactional(async (em) => {
        const q = queryIn(em);
        const result = await this.applyInTransaction(q, req, {});
        if (options.expireHolds && !result.replayed) await recordHoldExpiries(q, req.schemeId, result.transfers);
        return result;
      }),
    );
  }

  /**
   * The same request inside the caller's transaction, for use cases whose own
   * rows must commit or roll back with the ledger legs (sales, returns, holds).
   * `fresh`: the caller's own lock and record already make this key new (a
   * retry found the caller's record and never got here), so the key's lock
   * and look-up are skipped — the unique key still backs it.
   */
  async applyWithin(em: EntityManager, req: LedgerRequest, hints: { fresh?: boolean } = {}): Promise<LedgerResult> {
    return this.applyIn(queryIn(em), req, hints);
  }

  /** The same on any connection's open transaction (the posting connections, db/pg/hot-pool.ts). */
  async applyIn(q: Query, req: LedgerRequest, hints: { fresh?: boolean } = {}): Promise<LedgerResult> {
    return mapLedgerConstraints(() => this.applyInTransaction(q, req, hints));
  }

  private async applyInTransaction(q: Query, req: LedgerRequest, hints: { fresh?: boolean }): Promise<LedgerResult> {
    // Locks give up at the connection's lock_timeout (config/capacity.ts), well inside an activity's
    // timeout: a retry then finds the committed result (by key) or a free wallet, rather than queueing
    // behind a first attempt that is still waiting.
    if (!hints.fresh) {
      await q('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`ledger:${req.schemeId}:${req.systemUniqueKey}`], { name: 'ledger_key_lock' });
      const previous = await this.findByKey(q, req.schemeId, req.systemUniqueKey);
      if (previous) {
        if (previous.hash !== req.requestHash) throw new IdempotencyKeyReusedError();
        return { transfers: previous.transfers, replayed: true };
      }
    }

    const accounts = await this.loadAccounts(q, req);
    let referenced = await this.loadReferenced(q, req);
    const locked = await lockWalletRows(q, req.schemeId, walletsToLock(req.ops, accounts, referenced), true, cappedIssuance(req, accounts));
    // Whether a pending was resolved (or a transfer reversed) is read again under the wallets' locks: a
    // racing capture and void both read "open" before locking; the second must see the first's outcome.
    if (referenced.size > 0) referenced = await this.loadReferenced(q, req);
    const wallets = new Map<string, PlanWallet>(locked.map((r) => [r.id, { id: r.id, accountId: r.account_id, kind: r.kind, totals: totalsOf(r) }]));

    const plan = planLedgerRequest(req, { accounts, wallets, referenced, now: new Date(), newId: randomUUID });

    const atomicSetId = plan.transfers.length > 1 ? randomUUID() : null;
    const createdAt = new Date();
    const rows: Array<TransferRow & { metadata: Record<string, unknown> }> = plan.transfers.map((t, i) => ({
      id: t.id,
      scheme_id: req.schemeId,
      account_id: t.accountId,
      debit_wallet_id: t.debitWalletId,
      credit_wallet_id: t.creditWalletId,
      amount: t.amount.toString(),
      status: t.status,
      code: t.code,
      description: t.description,
      tags: t.tags,
      metadata: t.metadata,
      external_id: t.externalId,
      external_event_date: t.externalEventDate ? new Date(t.externalEventDate) : null,
      // The request's key names its first transfer; the rest of an atomic set get #1, #2…
      system_unique_key: i === 0 ? req.systemUniqueKey : `${req.systemUniqueKey}#${i}`,
      request_hash: req.requestHash,
      pending_id: t.pendingId,
      timeout_at: t.timeoutAt ? new Date(t.timeoutAt) : null,
      reversal_of: t.reversalOf,
      atomic_set_id: atomicSetId,
      allow_overdraft: t.allowOverdraft,
      created_at: createdAt,
    }));
    await writePlan(q, rows, walletWrites(wallets, plan.wallets));
    // The same shape a replay returns (read back through toTransfer), field for field.
    return {
      transfers: rows.map(toTransfer),
      replayed: false,
    };
  }

  private async findByKey(q: Query, schemeId: string, key: string): Promise<{ hash: string; transfers: Transfer[] } | null> {
    const [first] = await q<TransferRow>('select * from transfers where scheme_id = ? and system_unique_key = ?', [schemeId, key], { name: 'ledger_key_find' });
    if (!first) return null;
    const rows = first.atomic_set_id
      ? await q<TransferRow>('select * from transfers where atomic_set_id = ? order by length(system_unique_key), system_unique_key', [first.atomic_set_id])
      : [first];
    return { hash: first.request_hash, transfers: rows.map(toTransfer) };
  }

  private async loadAccounts(q: Query, req: LedgerRequest): Promise<Map<string, PlanAccount>> {
    const ids = [...new Set(req.ops.map((op) => op.accountId))];
    const rows = await q<{ id: string; active: boolean; max_supply: string | null; kind: string; wallet_id: string }>(
      // The system wallets only: a gift-card account's cards are wallets without a customer too.
      `select a.id, a.active, a.max_supply, w.kind, w.id as wallet_id
         from ledger_accounts a join wallets w on w.account_id = a.id and w.kind in ('issuance', 'redemption', 'expiry')
        where a.id = any(?::uuid[]) and a.scheme_id = ?`,
      [uuidArray(ids), req.schemeId],
      { name: 'ledger_accounts_load' },
    );
    const accounts = new Map<string, PlanAccount>();
    for (const r of rows) {
      const a = accounts.get(r.id) ?? { id: r.id, active: r.active, maxSupply: r.max_supply === null ? null : BigInt(r.max_supply), system: {} as PlanAccount['system'] };
      a.system[r.kind as keyof PlanAccount['system']] = r.wallet_id;
      accounts.set(r.id, a);
    }
    return accounts;
  }

  private async loadReferenced(q: Query, req: LedgerRequest) {
    const ids = referencedIds(req.ops);
    const referenced = new Map<string, Transfer & { resolved: boolean; reversed: boolean }>();
    if (ids.length === 0) return referenced;
    const rows = await q<TransferRow & { resolved: boolean; reversed: boolean }>(
      `select t.*, exists(select 1 from transfers r where r.pending_id = t.id) as resolved,
              exists(select 1 from transfers r where r.reversal_of = t.id) as reversed
         from transfers t where t.id = any(?::uuid[]) and t.scheme_id = ?`,
      [uuidArray(ids), req.schemeId],
      { name: 'ledger_referenced_load' },
    );
    for (const r of rows) referenced.set(r.id, { ...toTransfer(r), resolved: r.resolved, reversed: r.reversed });
    return referenced;
  }

  /** The customer's wallet in an account, created on first use (race-free: insert … on conflict). */
  async customerWallet(schemeId: string, accountId: string, customerId: string): Promise<Wallet> {
    const q = queryIn(this.orm.em.fork());
    const [customer] = await q('select 1 from customers where id = ? and scheme_id = ?', [customerId, schemeId]);
    const [account] = await q('select 1 from ledger_accounts where id = ? and scheme_id = ?', [accountId, schemeId]);
    if (!customer) throw new NotFoundError('Customer');
    if (!account) throw new NotFoundError('Ledger account');
    await q(
      `insert into wallets (id, scheme_id, account_id, kind, customer_id, owner_key, created_at)
       values (?, ?, ?, 'customer', ?, ?, now()) on conflict (account_id, owner_key) do nothing`,
      [randomUUID(), schemeId, accountId, customerId, customerOwnerKey(customerId)],
    );
    const [row] = await q<WalletRow>('select * from wallets where account_id = ? and owner_key = ?', [accountId, customerOwnerKey(customerId)]);
    return toWallet(row as WalletRow);
  }

  async wallet(schemeId: string, walletId: string): Promise<Wallet | null> {
    const [row] = await queryIn(this.orm.em.fork())<WalletRow>(`${WALLET_ROWS} where w.id = ? and w.scheme_id = ?`, [walletId, schemeId]);
    return row ? toWallet(row) : null;
  }

  async defaultAccount(schemeId: string): Promise<{ ledgerId: string; accountId: string }> {
    const [row] = await queryIn(this.orm.em.fork())<{ ledger_id: string; id: string }>(
      `select a.ledger_id, a.id from ledger_accounts a join ledgers l on l.id = a.ledger_id
        where a.scheme_id = ? and l.is_default and a.is_default`,
      [schemeId],
    );
    if (!row) throw new NotFoundError('Default ledger account');
    return { ledgerId: row.ledger_id, accountId: row.id };
  }
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { LedgerRequest, LedgerResult, Transfer, Wallet } from '../../domain/ledger/operations';
import { hotPool, type Orm } from '../orm';
import { inPgTransaction } from '../pg/hot-pool';
import { violatedConstraint } from '../repositories/unique-violation';
import { customerOwnerKey } from './provision';
import { toWallet, type WalletRow } from './rows';
import { uuidArray } from '../sql-arrays';
import { recordFollowUps } from '../follow-ups/outbox';
import { WALLET_ROWS } from './wallet-totals';
import { fromSqlAnswer, sqlRequest, type SqlAnswer } from './sql-request';
import { GroupCommit, type GroupCommitOptions } from './group-commit';
import type { Doorbell } from '../follow-ups/doorbell';
import { recordPointsAnnouncement } from '../follow-ups/points';
import type { PointsAnnouncement } from '../../domain/points/announce';

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

/** Each new hold with a timeoutAt, handed to the outbox in the hold's own transaction: its expiry is as durable as the hold. */
async function recordHoldExpiries(q: Query, schemeId: string, transfers: Transfer[]): Promise<boolean> {
  let recorded = false;
  for (const t of transfers) {
    if (t.status !== 'pending' || !t.timeoutAt) continue;
    recorded = true;
    await recordFollowUps(q, { schemeId, key: `ledger-hold/${t.id}`, lane: t.debitWalletId, steps: [{ kind: 'holdTimeout', schemeId, accountId: t.accountId, transferId: t.id, timeoutAt: t.timeoutAt }] });
  }
  return recorded;
}

/** A statement with `?` placeholders; `name` (honoured by the posting connections) prepares it once per connection. */
export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[], opts?: { name?: string }) => Promise<T[]>;

export function queryIn(em: EntityManager): Query {
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  return (sql, params = []) => conn.execute(sql, params, 'all', trx) as never;
}

/** One ledger request, one statement: ledger_apply (db/ledger/sql/apply.sql.ts) on the caller's connection. */
async function applyStatement(q: Query, req: LedgerRequest, fresh: boolean): Promise<LedgerResult> {
  const [row] = await q<{ answer: SqlAnswer }>('select ledger_apply(?::jsonb, ?) as answer', [sqlRequest(req), fresh], { name: 'ledger_apply' });
  return fromSqlAnswer((row as { answer: SqlAnswer }).answer);
}

const expiresHolds = (req: LedgerRequest) => req.ops.some((op) => 'timeoutAt' in op && op.timeoutAt);

/**
 * The double-entry engine. One request = one statement (ledger_apply, a
 * PL/pgSQL function) that (1) serialises on its idempotency key (advisory
 * lock), (2) returns the original result if the key was applied, (3) locks
 * every touched holder wallet in the one lock order (no deadlocks between
 * requests), (4) plans with the same rules as domain/ledger/plan.ts and (5)
 * writes the transfers and the new totals. Unique constraints back every "at
 * most once": the key, a pending's resolution, a reversal. The TypeScript
 * planner is the reference (db/ledger/planned-apply.ts); a seeded property
 * holds the two to the same answers.
 */
export class LedgerEngine {
  private readonly grouped: GroupCommit;
  private readonly doorbell: Doorbell | undefined;

  /**
   * Group commit by default: two statements in flight — one running while the
   * next batch gathers — is what two cores keep busy; more only adds lock
   * waits between batches on a hot wallet (docs/benchmarks.md). Without it,
   * every request goes at once in a statement of its own.
   */
  constructor(
    private readonly orm: Orm,
    options: { groupCommit?: GroupCommitOptions | false; doorbell?: Doorbell } = {},
  ) {
    this.doorbell = options.doorbell;
    const group = options.groupCommit ?? { inFlight: 2, maxBatch: 64 };
    this.grouped = new GroupCommit(hotPool(orm), group || { inFlight: Infinity, maxBatch: 1 });
  }

  /**
   * A request on its own: one statement in its own transaction, one round
   * trip. A ledger-API hold with a timeoutAt also records its expiry
   * (`expireHolds`), and a points operation its event and follow-ups
   * (`announce`), in the same transaction.
   */
  async apply(req: LedgerRequest, options: { expireHolds?: boolean; announce?: PointsAnnouncement } = {}): Promise<LedgerResult> {
    const { announce } = options;
    if (!announce && !(options.expireHolds && expiresHolds(req))) {
      return mapLedgerConstraints(async () => fromSqlAnswer(await this.grouped.submit(sqlRequest(req))));
    }
    let recorded = false;
    const result = await mapLedgerConstraints(() =>
      inPgTransaction(hotPool(this.orm), async (q) => {
        const applied = await applyStatement(q, req, false);
        if (applied.replayed) return applied;
        if (options.expireHolds) recorded = await recordHoldExpiries(q, req.schemeId, applied.transfers);
        if (announce) recorded = (await recordPointsAnnouncement(q, req, applied, announce)) || recorded;
        return applied;
      }),
    );
    // Committed: this process's relay starts the follow-ups at once rather than at its next sweep.
    if (recorded) this.doorbell?.ring();
    return result;
  }

  /** Batches resent request by request (db/ledger/group-commit.ts); 0 unless something is wrong. */
  get batchFailures(): number {
    return this.grouped.failures;
  }

  /**
   * The same request inside the caller's transaction, for use cases whose own
   * rows must commit or roll back with the ledger legs (sales, returns, holds).
   * `fresh`: the caller's own lock and record already make this key new (a
   * retry found the caller's record and never got here), so the key's lock
   * and look-up are skipped — the unique key still backs it. A refusal leaves
   * the caller's transaction usable (nothing was written).
   */
  async applyWithin(em: EntityManager, req: LedgerRequest, hints: { fresh?: boolean } = {}): Promise<LedgerResult> {
    return this.applyIn(queryIn(em), req, hints);
  }

  /** The same on any connection's open transaction (the posting connections, db/pg/hot-pool.ts). */
  async applyIn(q: Query, req: LedgerRequest, hints: { fresh?: boolean } = {}): Promise<LedgerResult> {
    return mapLedgerConstraints(() => applyStatement(q, req, hints.fresh === true));
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

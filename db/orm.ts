import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from 'pino';
import type pg from 'pg';
import { entities } from './entities';
import { createHotPool } from './pg/hot-pool';
import { migrationsList } from './migrations';

export type Orm = MikroORM;

export interface OrmOptions {
  databaseUrl: string;
  debug?: boolean;
  poolMax?: number;
  /** Connections for the hot path (db/pg/hot-pool.ts), besides the ORM's pool; opened on first use. */
  hotMax?: number;
  /** Bounds from config/capacity.ts; the defaults suit scripts and tests. */
  timeouts?: Partial<DatabaseTimeouts>;
  /** Where the driver's own warnings go (otherwise knex writes them to the console). */
  logger?: Pick<Logger, 'warn' | 'error' | 'debug'>;
  /**
   * The task queue this process starts follow-ups on: every connection says so
   * (`hub.outbox`), the outbox rows it writes carry it, and its relay claims
   * only those (and unstamped ones) — processes on another queue sharing the
   * database (tests run one per file) never start each other's workflows.
   */
  outboxQueue?: string;
}

/** The session setting that stamps this process's outbox rows (sent with the startup packet: no round trip). */
export function outboxOption(queue: string | undefined): { options?: string } {
  return queue && /^[A-Za-z0-9._:/-]{1,200}$/.test(queue) ? { options: `-c hub.outbox=${queue}` } : {};
}

export interface DatabaseTimeouts {
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  queryTimeoutMs: number;
  idleInTransactionMs: number;
}

const defaultTimeouts: DatabaseTimeouts = { acquireTimeoutMs: 5000, statementTimeoutMs: 30_000, lockTimeoutMs: 3000, queryTimeoutMs: 31_000, idleInTransactionMs: 60_000 };

export function ormConfig(opts: OrmOptions): Options {
  const t = { ...defaultTimeouts, ...opts.timeouts };
  return {
    clientUrl: opts.databaseUrl,
    entities,
    extensions: [Migrator],
    // Migrations are listed in code rather than globbed, so the same list works
    // under tsx, ts-jest and compiled JS.
    migrations: { migrationsList, tableName: 'mikro_orm_migrations', transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: opts.debug ?? false,
    // The forked EntityManager per request/activity is the only one we use;
    // the global one refusing work catches a missed fork.
    allowGlobalContext: false,
    pool: { min: 0, max: opts.poolMax ?? 10, acquireTimeoutMillis: t.acquireTimeoutMs, idleTimeoutMillis: 10000 },
    driverOptions: {
      connection: {
        connectionTimeoutMillis: 3000,
        // The server cancels a runaway statement; the client gives up on a server that stopped answering
        // (paused, partitioned) — without it a query on a paused PostgreSQL waits forever.
        statement_timeout: t.statementTimeoutMs,
        // Set per connection (sent with the startup packet), so no transaction spends a round trip on it.
        lock_timeout: t.lockTimeoutMs,
        query_timeout: t.queryTimeoutMs,
        idle_in_transaction_session_timeout: t.idleInTransactionMs,
        ...outboxOption(opts.outboxQueue),
      },
      log: {
        warn: (message: unknown) => opts.logger?.warn({ component: 'knex' }, String(message)),
        error: (message: unknown) => opts.logger?.error({ component: 'knex' }, String(message)),
        deprecate: (message: unknown) => opts.logger?.debug({ component: 'knex' }, String(message)),
        debug: () => undefined,
      },
    },
    forceUtcTimezone: true,
  };
}

const hotPools = new WeakMap<Orm, pg.Pool>();

/** The ORM, and beside it the hot-path connections (db/pg/hot-pool.ts), closed with it. */
export async function openOrm(opts: OrmOptions): Promise<Orm> {
  const orm = await MikroORM.init(ormConfig(opts));
  const hot = createHotPool(opts.databaseUrl, opts.hotMax ?? 8, { ...defaultTimeouts, ...opts.timeouts }, opts.logger, opts.outboxQueue);
  hotPools.set(orm, hot);
  const close = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    await hot.end();
    return close(force);
  };
  return orm;
}

/** The hot-path connections opened with this ORM. */
export function hotPool(orm: Orm): pg.Pool {
  const pool = hotPools.get(orm);
  if (!pool) throw new Error('hotPool: this ORM was not opened by openOrm');
  return pool;
}

export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** A cheap round trip for readiness; throws when the database cannot answer. */
export async function pingDatabase(orm: Orm): Promise<void> {
  await orm.em.fork().getConnection().execute('select 1', [], 'all');
}

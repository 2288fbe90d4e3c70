import pg from 'pg';
import type { Logger } from 'pino';
import { outboxOption, type DatabaseTimeouts } from '../orm';
import type { Query } from '../ledger/ledger-engine';

/**
 * The hot path's own connections — every POS request's key lookup and every
 * posting transaction: node-postgres directly, without the ORM, with named
 * prepared statements, so these statements are planned once per connection
 * rather than on every sale. At the till's rate their cost is mostly the
 * client library's and the planner's; here both are paid once.
 */
export function createHotPool(databaseUrl: string, max: number, timeouts: DatabaseTimeouts, logger?: Pick<Logger, 'warn'>, outboxQueue?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    connectionTimeoutMillis: timeouts.acquireTimeoutMs,
    idleTimeoutMillis: 10_000,
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
    query_timeout: timeouts.queryTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    ...outboxOption(outboxQueue),
  });
  // An idle connection the server dropped: the pool discards it; nothing to do but say so.
  pool.on('error', (err) => logger?.warn({ err: err.message }, 'posting connection lost'));
  // A connection checked out has no pool listener: when the server ends it between two of a transaction's
  // statements (PostgreSQL killed or restarted), node-postgres emits 'error' on the client itself, and an
  // 'error' nobody listens to ends the process. Listened to, the next statement fails instead, the transaction
  // rolls back (or is abandoned) and the broken connection is not reused — the caller answers 503.
  pool.on('connect', (client) => client.on('error', (err) => logger?.warn({ err: err.message }, 'posting connection lost while in use')));
  return pool;
}

/** `?` placeholders (as the rest of db/ writes them) become `$1`, `$2`…; the SQL here never uses `?` otherwise. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const texts = new Map<string, string>();

/**
 * A Query on one pg client. A query given a name is a prepared statement,
 * parsed and planned once per connection; dynamic SQL goes unnamed.
 */
export function pgQuery(client: pg.PoolClient): Query {
  return async (sql, params = [], opts) => {
    let text = texts.get(sql);
    if (text === undefined) {
      text = numbered(sql);
      if (opts?.name) texts.set(sql, text);
    }
    const result = await client.query({ text, values: params, ...(opts?.name ? { name: opts.name } : {}) });
    return result.rows;
  };
}

/**
 * One transaction on a posting connection: BEGIN, the work, COMMIT — or
 * ROLLBACK, and a connection that failed mid-transaction is not reused.
 */
export async function inPgTransaction<T>(pool: pg.Pool, fn: (q: Query) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const value = await fn(pgQuery(client));
    await client.query('commit');
    return value;
  } catch (err) {
    await client.query('rollback').catch((e: Error) => {
      broken = e;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

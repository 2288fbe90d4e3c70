import { createHotPool, inPgTransaction } from '../db/pg/hot-pool';
import { testEnv } from './support/test-env';

/**
 * The posting pool when PostgreSQL ends a connection in the middle of a transaction (killed, restarted, an
 * administrator's terminate): the process must live on — node-postgres emits 'error' on a checked-out client, and an
 * 'error' without a listener would end it (a worker of start:cluster died this way when its PostgreSQL was
 * SIGKILLed) — the transaction fails, and the pool serves the next one on a fresh connection.
 */
it('survives its connection being terminated between two statements of a transaction, and serves the next', async () => {
  const warnings: string[] = [];
  const timeouts = { acquireTimeoutMs: 5000, statementTimeoutMs: 5000, lockTimeoutMs: 5000, queryTimeoutMs: 5000, idleInTransactionMs: 10_000 };
  const pool = createHotPool(testEnv().databaseUrl, 2, timeouts, { warn: (_o: unknown, msg?: string) => void warnings.push(String(msg)) } as never);
  const admin = createHotPool(testEnv().databaseUrl, 1, timeouts);
  try {
    const failed = inPgTransaction(pool, async (q) => {
      const [me] = await q<{ pid: number }>('select pg_backend_pid() as pid');
      await admin.query('select pg_terminate_backend($1)', [me!.pid]);
      // Between statements, with nothing in flight: the server's FATAL arrives as an 'error' event on the client.
      await new Promise((r) => setTimeout(r, 300));
      return q('select 1');
    });
    await expect(failed).rejects.toThrow();
    expect(warnings).toContain('posting connection lost while in use');
    const [row] = await inPgTransaction(pool, (q) => q<{ ok: number }>('select 1 as ok'));
    expect(row).toEqual({ ok: 1 });
  } finally {
    await pool.end();
    await admin.end();
  }
});

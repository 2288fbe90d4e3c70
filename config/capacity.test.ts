import { capacityFor } from './capacity';

describe('capacityFor', () => {
  it('derives every bound from concurrency and the deadline', () => {
    const c = capacityFor(16, 5000);
    expect(c.admission).toEqual({ inFlight: 16, queued: 64, maxWaitMs: 1000 });
    expect(c.worker).toEqual({ maxConcurrentLocalActivityExecutions: 16, maxConcurrentActivityTaskExecutions: 16 });
    expect(c.database).toMatchObject({ acquireTimeoutMs: 2000, statementTimeoutMs: 5000, lockTimeoutMs: 3000, queryTimeoutMs: 6000, idleInTransactionMs: 10_000 });
    expect(c.retryAfterSeconds).toBe(1);
  });

  it('gives every admitted request and every worker slot a connection of its own, so none waits on a pool', () => {
    for (const n of [1, 4, 16, 64]) {
      const c = capacityFor(n, 5000);
      const both = { api: true, worker: true };
      // API: one hot (key lookup) + one ORM connection per admitted request; worker: one hot per local activity, one ORM per activity.
      expect(c.database.hotFor(both)).toBeGreaterThanOrEqual(c.admission.inFlight + c.worker.maxConcurrentLocalActivityExecutions);
      expect(c.database.poolFor(both)).toBeGreaterThanOrEqual(c.admission.inFlight + c.worker.maxConcurrentActivityTaskExecutions);
      expect(c.database.hotFor({ api: true, worker: false })).toBe(c.admission.inFlight);
      expect(c.database.hotFor({ api: false, worker: true })).toBe(c.worker.maxConcurrentLocalActivityExecutions);
    }
  });

  it('keeps the database bounds inside the deadline and the local activity timeout (10 s)', () => {
    for (const d of [500, 2000, 5000, 60_000]) {
      const c = capacityFor(8, d);
      expect(c.database.lockTimeoutMs).toBeLessThan(c.database.statementTimeoutMs);
      expect(c.database.acquireTimeoutMs).toBeLessThan(d);
      expect(c.admission.maxWaitMs).toBeLessThan(d);
      expect(c.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
  });
});

/**
 * Everything that bounds how much work a process takes on, derived from two
 * settings (HUB_CONCURRENCY, REQUEST_DEADLINE_MS), so work queues in exactly
 * one place — the HTTP admission queue — and never inside the database pool.
 *
 * The chain: at most `concurrency` requests are inside the API at once; each
 * holds at most one database connection at a time. A worker runs at most
 * `concurrency` local activities (one PostgreSQL transaction each, on the
 * hot-path connections) and `concurrency` regular activities. The pools have a
 * connection for every one of those, so an admitted request never waits for
 * a connection: a pool
 * acquire timeout can then only mean PostgreSQL itself is not answering, and
 * is answered 503 like any other outage.
 */
export interface Capacity {
  admission: {
    /** Requests handled at once per API process. */
    inFlight: number;
    /** Requests that may wait for a slot; more are shed at once. */
    queued: number;
    /** The longest a request waits for a slot before it is shed (503 overloaded, Retry-After). */
    maxWaitMs: number;
  };
  worker: {
    maxConcurrentLocalActivityExecutions: number;
    maxConcurrentActivityTaskExecutions: number;
  };
  database: {
    /** The ORM's pool for a process running the API, the worker, or both: API requests and regular activities. */
    poolFor(roles: { api: boolean; worker: boolean }): number;
    /** The hot-path connections: one per admitted request (its key lookup) and per local-activity slot (its posting transaction). */
    hotFor(roles: { api: boolean; worker: boolean }): number;
    /** A pool acquire that waits this long means PostgreSQL is stuck (every user has its own connection). */
    acquireTimeoutMs: number;
    /** Server-side bound on one statement: a slow database cancels an attempt well before its local activity (10 s) is retried. */
    statementTimeoutMs: number;
    /** A lock not granted by then is given up: the attempt fails and its retry finds the winner's result or a free row. */
    lockTimeoutMs: number;
    /** Client-side bound on one query: a paused or unreachable server gives up here. */
    queryTimeoutMs: number;
    /** A transaction left idle this long (a stuck process) is ended by PostgreSQL, releasing its locks. */
    idleInTransactionMs: number;
  };
  /** Seconds a shed or timed-out caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

export function capacityFor(concurrency: number, deadlineMs: number): Capacity {
  const slots = Math.max(1, concurrency);
  const api = slots + 2; // + readiness probe and slack
  const worker = slots + 2; // regular activities, + the follow-up relay and slack
  return {
    admission: { inFlight: slots, queued: 4 * slots, maxWaitMs: Math.max(100, Math.round(deadlineMs / 5)) },
    worker: { maxConcurrentLocalActivityExecutions: slots, maxConcurrentActivityTaskExecutions: slots },
    database: {
      poolFor: (roles) => (roles.api ? api : 0) + (roles.worker ? worker : 0),
      hotFor: (roles) => (roles.api ? slots : 0) + (roles.worker ? slots : 0),
      acquireTimeoutMs: Math.round(deadlineMs * 0.4),
      statementTimeoutMs: deadlineMs,
      lockTimeoutMs: Math.round(deadlineMs * 0.6),
      queryTimeoutMs: deadlineMs + 1000,
      idleInTransactionMs: 2 * deadlineMs,
    },
    retryAfterSeconds: Math.max(1, Math.ceil(deadlineMs / 5000)),
  };
}

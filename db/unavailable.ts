/** SQLSTATE classes and codes that mean "PostgreSQL cannot do this now", not "this request is wrong". */
const TRANSIENT_CODES = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '40P01', // deadlock_detected
  '40001', // serialization_failure
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
]);

const TRANSIENT_MESSAGES =
  /Query read timeout|Connection terminated|timeout exceeded when trying to connect|Timeout acquiring a connection|Connection ended unexpectedly|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/**
 * Whether an error means PostgreSQL is unavailable, slow or overloaded (a
 * timeout, a lost or refused connection, a pool that cannot hand out a
 * connection), so the caller gets 503 with Retry-After rather than a 500, on
 * every route. Connection exceptions are SQLSTATE class 08.
 */
export function databaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (TRANSIENT_CODES.has(code) || code.startsWith('08')) return true;
  if (e.name === 'KnexTimeoutError' || e.name === 'ConnectionException' || e.name === 'LockWaitTimeoutException' || e.name === 'DeadlockException') return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== err ? databaseUnavailable(e.cause) : false;
}

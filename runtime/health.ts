import type { Connection } from '@temporalio/client';

/**
 * Temporal's health RPC, bounded by a deadline: the client's own retry policy
 * would otherwise keep retrying an unreachable server long after /readyz answered.
 */
export function temporalHealth(connection: Connection, timeoutMs = 2000): () => Promise<void> {
  return async () => {
    await connection.withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}));
  };
}

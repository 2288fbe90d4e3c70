import type { Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';

/**
 * Temporal's health RPC, bounded by a deadline: the client's own retry policy
 * would otherwise keep retrying an unreachable server long after /readyz answered.
 */
export function temporalHealth(connection: Pick<Connection | NativeConnection, 'withDeadline' | 'healthService'>, timeoutMs = 2000): () => Promise<void> {
  return async () => {
    await connection.withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}));
  };
}

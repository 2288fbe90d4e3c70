import { msToTs } from '@temporalio/common';
import type { Connection } from '@temporalio/client';

/** gRPC's status code for ALREADY_EXISTS. */
const ALREADY_EXISTS = 6;

/** Registers the namespace on a real cluster (the dev server makes its own); one that exists is left as it is. */
export async function ensureNamespace(connection: Connection, namespace: string, retentionDays = 3): Promise<'created' | 'existed'> {
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) });
    return 'created';
  } catch (err) {
    if ((err as { code?: number }).code === ALREADY_EXISTS) return 'existed';
    throw err;
  }
}

/** A namespace is usable a moment after it is registered (the frontend's cache refreshes): wait until it describes. */
export async function namespaceReady(connection: Connection, namespace: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

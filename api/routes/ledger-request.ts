import { createHash, randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { canonicalJson } from '../../domain/canonical-json';
import type { LedgerOp } from '../../domain/ledger/operations';
import { opToWire, type WireResult } from '../../domain/ledger/wire';
import { schemeOf } from '../middleware/auth';
import type { LedgerWorkflows } from '../ports';

/**
 * Runs ledger operations as one workflow. The request hash covers the route and
 * the operations, so a key reused on another endpoint or with another amount is
 * refused (409) rather than answered with the first result.
 */
export async function runLedgerRequest(
  workflows: LedgerWorkflows,
  res: Response,
  route: string,
  systemUniqueKey: string | undefined,
  ops: LedgerOp[],
): Promise<WireResult> {
  const wireOps = ops.map(opToWire);
  const requestHash = createHash('sha256').update(canonicalJson({ route, ops: wireOps })).digest('hex');
  return workflows.applyLedgerRequest(
    { schemeId: schemeOf(res.locals), systemUniqueKey: systemUniqueKey ?? `auto:${randomUUID()}`, requestHash, ops: wireOps },
    res.locals,
  );
}

/** The seed's tracking fields, copied onto each operation. */
export function tracking(body: { externalId?: string; externalEventDate?: string; description?: string; tags?: string[]; code?: string }) {
  const t: Record<string, unknown> = {};
  for (const k of ['externalId', 'externalEventDate', 'description', 'tags', 'code'] as const) if (body[k] !== undefined) t[k] = body[k];
  return t;
}

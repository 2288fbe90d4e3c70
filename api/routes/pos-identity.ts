import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { canonicalJson } from '../../domain/canonical-json';

/**
 * A POS request's identity: its `uniqueId` (generated when absent) and the hash
 * of everything else, so a reused uniqueId with another body can be refused.
 */
export function posIdentity<B extends { uniqueId?: string }>(body: B): { uniqueId: string; requestHash: string; meaning: Omit<B, 'uniqueId'> } {
  const { uniqueId, ...meaning } = body;
  return {
    uniqueId: uniqueId ?? randomUUID(),
    requestHash: createHash('sha256').update(canonicalJson(meaning)).digest('hex'),
    meaning,
  };
}

/** Where a POS polls a sale's outcome. */
export function statusUrl(req: Request, uniqueId: string): string {
  return `${req.protocol}://${req.get('host')}/v1/transactions/status/${encodeURIComponent(uniqueId)}`;
}

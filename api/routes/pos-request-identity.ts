import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { canonicalJson } from '../../domain/canonical-json';
import type { RequestClaims } from '../../domain/pos/ports';
import { schemeOf } from '../middleware/auth';

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * The identity of a Loyalty+ write, whose body carries no unique id. With an
 * `Idempotency-Key` the key is the uniqueId (per scheme) and the request hash
 * refuses it for another body (409). Without one, identical requests — same
 * API key, route and canonical body — within the scheme's window share the
 * uniqueId the first one claimed (a primary key, so concurrent duplicates get
 * the same one); after the window the same body is a new operation.
 */
export async function posRequestIdentity(
  claims: RequestClaims,
  res: Response,
  request: { route: string; body: unknown; idempotencyKey: string | undefined; windowSeconds: number },
): Promise<{ uniqueId: string; requestHash: string }> {
  const { route, body, idempotencyKey, windowSeconds } = request;
  const requestHash = sha256({ route, body });
  if (idempotencyKey) return { uniqueId: `pos:${idempotencyKey}`, requestHash };
  const schemeId = schemeOf(res.locals);
  const fingerprint = sha256({ keyId: res.locals.auth?.keyId, route, body });
  return { uniqueId: await claims.claim(schemeId, fingerprint, windowSeconds), requestHash };
}

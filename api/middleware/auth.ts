import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../../domain/errors';
import type { ApiKeyRepository, SchemeRepository } from '../../domain/ports';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POS and shop calls: `X-Scheme` + `X-ApiKey`, as Loyale does. Sets `res.locals.auth`. */
export function requireSchemeKey(apiKeys: ApiKeyRepository): RequestHandler {
  return async (req, res, next) => {
    const schemeId = req.get('x-scheme');
    const key = req.get('x-apikey');
    if (!schemeId || !key) throw new UnauthorizedError('X-Scheme and X-ApiKey headers are required');
    // One message for every failure, so a caller cannot probe which schemes exist.
    const invalid = () => new UnauthorizedError('Invalid scheme or API key');
    if (!UUID.test(schemeId) || key.length > 200) throw invalid();
    const auth = await apiKeys.authenticate(schemeId.toLowerCase(), key);
    if (!auth) throw invalid();
    res.locals.auth = auth;
    next();
  };
}

/**
 * Either a scheme's own key, or the admin token acting for the scheme named in
 * `X-Scheme` (ops tooling). Both end with `res.locals.auth` scoped to one scheme.
 */
export function requireSchemeOrAdmin(apiKeys: ApiKeyRepository, schemes: SchemeRepository, adminToken: string): RequestHandler {
  const schemeKey = requireSchemeKey(apiKeys);
  const expected = digest(adminToken);
  return async (req, res, next) => {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!bearer) return schemeKey(req, res, next);
    if (!timingSafeEqual(digest(bearer), expected)) throw new UnauthorizedError('A valid admin bearer token is required');
    const schemeId = req.get('x-scheme');
    if (!schemeId || !UUID.test(schemeId)) throw new UnauthorizedError('Admin calls on scheme data name the scheme in X-Scheme');
    const scheme = await schemes.findById(schemeId.toLowerCase());
    if (!scheme) throw new UnauthorizedError('Invalid scheme or API key');
    res.locals.auth = { schemeId: scheme.id, keyId: 'admin', currency: scheme.currency };
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Management calls: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
export function requireAdmin(adminToken: string): RequestHandler {
  const expected = digest(adminToken);
  return (req, _res, next) => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw new UnauthorizedError('A valid admin bearer token is required');
    }
    next();
  };
}

export function schemeOf(locals: { auth?: { schemeId: string } }): string {
  if (!locals.auth) throw new UnauthorizedError();
  return locals.auth.schemeId;
}

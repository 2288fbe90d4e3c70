import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../../domain/errors';
import type { ApiKeyRepository, SchemeRepository } from '../../domain/ports';
import type { Access } from '../endpoints/endpoint';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The route's WWW-Authenticate challenges, set before its guards run: a 401 names every credential it accepts. */
      challenge?: string;
    }
  }
}

const REALM = 'realm="loyalty-hub"';

/**
 * What each access accepts, said on every 401 of its routes: in the message
 * (how to fix the call) and as WWW-Authenticate challenges (RFC 9110 §11.6.1),
 * one per credential. The guards say why a call was refused; this says what
 * to send instead, so a route shared by a till and ops tooling names both.
 */
export const credentials: Record<Exclude<Access, 'public'>, { send: string; challenges: string[] }> = {
  key: { send: 'Send X-Scheme and X-ApiKey (a scheme API key)', challenges: [`ApiKey ${REALM}, header="X-ApiKey", scheme-header="X-Scheme"`] },
  posKey: { send: 'Send X-API-Key (a scheme API key)', challenges: [`ApiKey ${REALM}, header="X-API-Key"`] },
  owner: { send: 'Send Authorization: Bearer <a scheme API key issued with role owner>', challenges: [`Bearer ${REALM}`] },
  keyOrOps: {
    send: 'Send X-Scheme with X-ApiKey, or Authorization: Bearer <admin token> with X-Scheme',
    challenges: [`ApiKey ${REALM}, header="X-ApiKey", scheme-header="X-Scheme"`, `Bearer ${REALM}, scheme-header="X-Scheme"`],
  },
  ops: { send: 'Send Authorization: Bearer <admin token> with X-Scheme naming the scheme', challenges: [`Bearer ${REALM}, scheme-header="X-Scheme"`] },
  admin: { send: 'Send Authorization: Bearer <admin token>', challenges: [`Bearer ${REALM}`] },
  signature: {
    send: "Send X-Hub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" with the connection's webhook secret>, to the connection's own URL",
    challenges: [`HubSignature ${REALM}, header="X-Hub-Signature"`],
  },
  codec: {
    send: 'Send Authorization: Bearer <admin token>, or the hub_codec session cookie from signing in at /codec',
    challenges: [`Bearer ${REALM}`, `Cookie ${REALM}, cookie-name="hub_codec"`],
  },
};

/**
 * A route's guard chain, saying what it accepts on a 401: the challenges go in
 * `res.locals.challenge` (the error handler sends them), and a guard's reason
 * gets the route's "Send …" appended.
 */
export function accepting(access: Exclude<Access, 'public'>, guards: RequestHandler[]): RequestHandler[] {
  const { send, challenges } = credentials[access];
  const challenge = challenges.join(', ');
  const announce: RequestHandler = (_req, res, next) => {
    res.locals.challenge = challenge;
    next();
  };
  const explained = (guard: RequestHandler): RequestHandler => async (req, res, next) => {
    try {
      await guard(req, res, next);
    } catch (err) {
      throw err instanceof UnauthorizedError ? new UnauthorizedError(`${err.message}. ${send}`) : err;
    }
  };
  return [announce, ...guards.map(explained)];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POS and shop calls: `X-Scheme` + `X-ApiKey`, as Loyale does. Sets `res.locals.auth`. */
export function requireSchemeKey(apiKeys: ApiKeyRepository): RequestHandler {
  return async (req, res, next) => {
    const schemeId = req.get('x-scheme');
    const key = req.get('x-apikey');
    if (!schemeId || !key) throw new UnauthorizedError('No scheme API key');
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
 * Loyalty+ tills: `X-API-Key` alone. Key hashes are unique across schemes, so
 * the key names its scheme; nothing else is sent. Sets `res.locals.auth`.
 */
export function requirePosKey(apiKeys: ApiKeyRepository): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('x-api-key');
    if (!key) throw new UnauthorizedError('No API key');
    const auth = key.length > 200 ? null : await apiKeys.authenticateKey(key);
    if (!auth) throw new UnauthorizedError('Invalid API key');
    res.locals.auth = auth;
    next();
  };
}

/**
 * Loyalty+'s owner API: `Authorization: Bearer <key>`, where the key was
 * issued with role `owner` (the seed's admin-login JWT has no hub
 * counterpart). A till's key is refused with the same message as an unknown
 * one: a till's key does not reach the owner API. Sets `res.locals.auth`.
 */
export function requireOwnerKey(apiKeys: ApiKeyRepository): RequestHandler {
  return async (req, res, next) => {
    const bearer = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!bearer) throw new UnauthorizedError('No bearer key');
    const auth = bearer.length > 200 ? null : await apiKeys.authenticateKey(bearer);
    if (auth?.role !== 'owner') throw new UnauthorizedError('Invalid owner key');
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
    const bearer = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!bearer) return schemeKey(req, res, next);
    if (!timingSafeEqual(digest(bearer), expected)) throw new UnauthorizedError('Invalid admin token');
    const schemeId = req.get('x-scheme');
    if (!schemeId || !UUID.test(schemeId)) throw new UnauthorizedError('X-Scheme is missing or not a scheme id');
    const scheme = await schemes.findById(schemeId.toLowerCase());
    if (!scheme) throw new UnauthorizedError('No such scheme in X-Scheme');
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
    if (!match?.[1]) throw new UnauthorizedError('No admin token');
    if (!timingSafeEqual(digest(match[1]), expected)) throw new UnauthorizedError('Invalid admin token');
    next();
  };
}

export function schemeOf(locals: { auth?: { schemeId: string } }): string {
  if (!locals.auth) throw new UnauthorizedError();
  return locals.auth.schemeId;
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import type { PayloadCodec } from '@temporalio/common';
import { UnauthorizedError, ValidationError } from '../../domain/errors';
import { codecSessions, cookie, SESSION_COOKIE, SESSION_SECONDS } from '../codec/session';
import { fromWire, toWire, type WirePayloads } from '../codec/wire';
import { codecEndpoints } from '../endpoints/platform';
import { ok } from '../endpoints/endpoint';
import { mount, type Guards } from '../endpoints/mount';
import { requireAdmin } from '../middleware/auth';
import { signInPage } from '../codec/sign-in-page';

export interface CodecDeps {
  codec: PayloadCodec;
  /** Browser origins (the Temporal Web UI) allowed to call with credentials. */
  corsOrigins: string[];
}

const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest();

/**
 * The codec server protocol (`POST /codec/decode`, `/codec/encode`) for the
 * Temporal Web UI and CLI, so authorised ops read the payloads the hub
 * encrypts. Authorised means the admin token — as a bearer (the CLI's
 * `--codec-auth`) or as a signed session cookie set by signing in at
 * `/codec` (the Web UI, with "include cross-origin credentials") — and only
 * the listed origins may call from a browser.
 */
export function codecRouter(deps: CodecDeps, adminToken: string): Router {
  const router = Router();
  const sessions = codecSessions(adminToken);
  const expected = digest(adminToken);
  const origins = new Set(deps.corsOrigins);

  const cors: RequestHandler = (req, res, next) => {
    const origin = req.get('origin');
    if (origin && origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
  const bearerOk = (header: string | undefined) => {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    return token !== undefined && timingSafeEqual(digest(token), expected);
  };
  const transcode = async (op: 'decode' | 'encode', body: WirePayloads) => {
    try {
      return toWire(await deps.codec[op](fromWire(body)));
    } catch {
      // A payload sealed with a key this hub no longer has, or tampered with: the caller's input, not a 500.
      throw new ValidationError(`These payloads cannot be ${op}d with the configured keys`);
    }
  };
  const authorised: RequestHandler = (req, _res, next) => {
    if (bearerOk(req.get('authorization')) || sessions.valid(cookie(req.get('cookie'), SESSION_COOKIE))) return next();
    throw new UnauthorizedError('No valid admin token or codec session');
  };

  router.use('/codec', cors);
  const guards: Guards = { public: [], admin: [requireAdmin(adminToken)], codec: [authorised] };
  return mount(router, guards, codecEndpoints, {
    getCodecSignIn({ res }) {
      res.type('html').send(signInPage);
    },
    startCodecSession({ res }) {
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${sessions.issue()}; Path=/codec; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}`);
      res.status(204).end();
    },
    decodePayloads: async ({ body }) => ok(await transcode('decode', body)),
    encodePayloads: async ({ body }) => ok(await transcode('encode', body)),
  });
}

import type { Response } from 'supertest';
import fc from 'fast-check';
import { buildOpenApiDocument } from '../api/openapi/document';
import { signWebhook } from '../domain/partners/webhook-signature';
import { createHarness, type Harness } from './support/harness';
import { buildRouteWorld, type RouteWorld } from './support/route-world';
import { authHeaders, routeExamples, send, type RouteExample, type RouteRequest } from './support/route-examples';
import { changedTables, schemeSnapshot, settledSnapshot } from './support/scheme-snapshot';
import { badValue, mutationsOf, applyMutation, type Mutation } from './support/bad-values';
import { errorOf } from './support/error-shape';

/**
 * Every documented route, driven with generated bad input: one field (a
 * path or query parameter, a body field at any depth) replaced by a hostile
 * value, removed, or joined by an unknown one. Whatever the input: never a
 * 5xx, every refusal in its dialect's error format, nothing of the scheme changed
 * by a refusal, and the ledger verifier green afterwards. CI runs a few cases
 * per route; `npm run fuzz` runs many (BAD_INPUT_RUNS).
 */
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 6);
const SEED = process.env.BAD_INPUT_SEED ? Number(process.env.BAD_INPUT_SEED) : undefined;

const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));

let h: Harness;
let w: RouteWorld;
let settled: Record<string, string>;

beforeAll(async () => {
  h = await createHarness();
  w = await buildRouteWorld(h);
  settled = await settledSnapshot(h.orm, w.scheme.id);
}, 120_000);
afterAll(() => h.close());

const sign = (secret: string, raw: string) => signWebhook(secret, Math.floor(Date.now() / 1000), raw);

/** Sends, and keeps the world's webhook secret current when a request rotated it. */
async function call(req: RouteRequest): Promise<Response> {
  const res = await send(h.http, req, sign);
  if (req.path === '/v1/connections/{id}/webhook-secret' && res.status === 201) w.webhookSecret = res.body.webhookSecret;
  return res;
}

function requestFor(route: string, ex: RouteExample): RouteRequest {
  const [method, path] = route.split(' ') as [string, string];
  return { method, path, params: ex.params, query: ex.query, body: ex.body, headers: authHeaders(ex.auth, w), ...(ex.auth === 'signature' ? { signWith: w.webhookSecret } : {}) };
}

it('has a working example for every documented route', async () => {
  const examples = routeExamples(w);
  expect(routes.filter((r) => !examples[r])).toEqual([]);
  const failed: string[] = [];
  for (const route of routes) {
    const res = await call(requestFor(route, examples[route] as RouteExample));
    if (process.env.SHOW_EXAMPLES) console.log(route, res.status, JSON.stringify(res.body).slice(0, 200));
    if (res.status >= 500) failed.push(`${route} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  expect(failed).toEqual([]);
  settled = await settledSnapshot(h.orm, w.scheme.id);
});

describe.each(routes)('%s with one bad field', (route) => {
  it('never answers 5xx, refuses in the error format and changes nothing when it refuses', async () => {
    const example = routeExamples(w)[route] as RouteExample;
    const base = requestFor(route, example);
    const mutations = mutationsOf(base);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: mutations.length - 1 }), badValue, async (at, value) => {
        const m: Mutation = { ...(mutations[at] as Mutation), value };
        // A fresh example each run: unique keys, so a run is never an idempotent replay of another.
        const req = applyMutation(requestFor(route, routeExamples(w)[route] as RouteExample), m);
        const before = settled;
        const res = await call(req);
        const where = `${route} ${JSON.stringify(m).slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        expect({ where, serverError: res.status >= 500 }).toEqual({ where, serverError: false });
        if (res.status >= 400) {
          expect({ where, format: errorOf(res.body) !== null }).toEqual({ where, format: true });
          const after = await schemeSnapshot(h.orm, w.scheme.id);
          expect({ where, changed: changedTables(before, after) }).toEqual({ where, changed: [] });
        } else {
          settled = await settledSnapshot(h.orm, w.scheme.id);
        }
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true },
    );
    const verify = await h.http.get('/v1/ledger/verify').query({ schemeId: w.scheme.id }).set(w.admin).expect(200);
    expect(verify.body).toEqual({ ok: true, violations: [] });
  });
});

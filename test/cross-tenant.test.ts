import { randomBytes, randomUUID } from 'node:crypto';
import { buildOpenApiDocument } from '../api/openapi/document';
import { signWebhook } from '../domain/partners/webhook-signature';
import { createHarness, type Harness } from './support/harness';
import { buildRouteWorld, type RouteWorld } from './support/route-world';
import { authHeaders, routeExamples, send, type RouteExample, type RouteRequest } from './support/route-examples';
import { changedTables, settledSnapshot } from './support/scheme-snapshot';
import { errorOf } from './support/error-shape';

/**
 * Generated from the OpenAPI document: for every route a scheme's caller can
 * reach, and every id in its request (path, query or body) — a customer, a
 * barcode, a ledger, an account, a wallet, a transfer, an outlet, a sale, a
 * hold, a gift card, a coupon, a connection, a programme, a code, a mission,
 * an event type — scheme B sends scheme A's id and, separately, an id that
 * exists nowhere. The two answers must be the same (status, code, message):
 * another scheme's resource is indistinguishable from none. And nothing of
 * scheme A changes.
 */
const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));

const ID_FIELDS = [
  'customerId', 'barcode', 'ledgerId', 'accountId', 'walletId', 'otherWalletId', 'postedTransferId', 'pendingTransferId', 'voidableTransferId',
  'outletId', 'saleId', 'holdId', 'giftCard', 'coupon', 'connectionId', 'programId', 'programCode', 'referralCodeId', 'missionId', 'eventType',
] as const satisfies ReadonlyArray<keyof RouteWorld>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id of the same shape that no scheme has. */
function unknownLike(value: string): string {
  if (UUID.test(value)) return randomUUID();
  const letters = randomBytes(6).toString('hex').toUpperCase();
  if (/^\d+$/.test(value)) return String(Date.now()).padEnd(value.length, '7').slice(0, value.length);
  return `${value.slice(0, 2)}${letters}`.slice(0, Math.max(value.length, 8));
}

interface Slot {
  field: (typeof ID_FIELDS)[number];
  in: 'params' | 'query' | 'body';
  path: Array<string | number>;
}

function slotsOf(r: RouteRequest, w: RouteWorld): Slot[] {
  const out: Slot[] = [];
  const match = (value: unknown) => ID_FIELDS.find((f) => typeof value === 'string' && value === w[f]);
  const walk = (value: unknown, where: Slot['in'], path: Array<string | number>) => {
    const field = match(value);
    if (field) out.push({ field, in: where, path });
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, where, [...path, i]));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, where, [...path, k]);
  };
  for (const [k, v] of Object.entries(r.params ?? {})) walk(v, 'params', [k]);
  for (const [k, v] of Object.entries(r.query ?? {})) walk(v, 'query', [k]);
  walk(r.body, 'body', []);
  return out;
}

function withValue(r: RouteRequest, slot: Slot, value: string): RouteRequest {
  const next = JSON.parse(JSON.stringify({ params: r.params ?? {}, query: r.query ?? {}, body: r.body ?? null })) as { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown };
  let parent = next[slot.in] as Record<string | number, unknown>;
  for (const step of slot.path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  parent[slot.path[slot.path.length - 1] as string | number] = value;
  return { ...r, params: next.params as Record<string, string>, query: next.query as Record<string, string>, body: r.body === undefined ? undefined : next.body };
}

let h: Harness;
let a: RouteWorld;
let b: RouteWorld;

beforeAll(async () => {
  h = await createHarness();
  a = await buildRouteWorld(h);
  b = await buildRouteWorld(h);
}, 120_000);
afterAll(() => h.close());

const sign = (secret: string, raw: string) => signWebhook(secret, Math.floor(Date.now() / 1000), raw);
/** Status, code and message, with the id the request named masked (a message may echo it). */
const answer = (res: { status: number; body: unknown }, sent: string, withMessage: boolean) => ({
  status: res.status,
  code: errorOf(res.body)?.code ?? null,
  ...(withMessage ? { message: errorOf(res.body)?.message.split(sent).join('<id>') ?? null } : {}),
});

it("answers another scheme's ids exactly as ids that exist nowhere, on every route, and never touches that scheme", async () => {
  const before = await settledSnapshot(h.orm, a.scheme.id);
  const mismatches: string[] = [];
  let compared = 0;
  for (const route of routes) {
    const [method, path] = route.split(' ') as [string, string];
    const example = routeExamples(b)[route] as RouteExample;
    if (!example || example.auth === 'admin' || example.auth === 'none') continue; // the platform admin is not a tenant
    for (const slot of slotsOf({ method, path, params: example.params, query: example.query, body: example.body, headers: {} }, b)) {
      // A fresh example per call: unique keys, so neither answer is a replay of the other.
      const fresh = (): RouteRequest => {
        const ex = routeExamples(b)[route] as RouteExample;
        return { method, path, params: ex.params, query: ex.query, body: ex.body, headers: authHeaders(ex.auth, b), ...(ex.auth === 'signature' ? { signWith: b.webhookSecret } : {}) };
      };
      const other = unknownLike(a[slot.field]);
      const foreign = await send(h.http, withValue(fresh(), slot, a[slot.field]), sign);
      const unknown = await send(h.http, withValue(fresh(), slot, other), sign);
      compared++;
      const withMessage = example.auth !== 'signature';
      const [f, u] = [answer(foreign, a[slot.field], withMessage), answer(unknown, other, withMessage)];
      if (JSON.stringify(f) !== JSON.stringify(u) || foreign.status >= 500) {
        mismatches.push(`${route} ${slot.in}.${slot.path.join('.')} (${slot.field}): A's id → ${JSON.stringify(f)}, unknown → ${JSON.stringify(u)}`);
      }
      if (slot.in === 'params' && foreign.status < 400) mismatches.push(`${route} ${slot.field}: A's id accepted in the path with ${foreign.status}`);
    }
  }
  expect(compared).toBeGreaterThan(80);
  expect(mismatches).toEqual([]);
  const after = await settledSnapshot(h.orm, a.scheme.id);
  expect(changedTables(before, after)).toEqual([]);
}, 300_000);

import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { signalTree } from '../runtime/process-tree';
import { createHarness, type Harness } from './support/harness';
import { eventually, spawnScript, type SpawnedScript } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

/**
 * A PostgreSQL and a Temporal of this file's own, paused (SIGSTOP) and resumed
 * (SIGCONT) under requests: every request gets an answer (202, or 503 with
 * Retry-After) instead of hanging or a 500, and once the dependency is back
 * every sale, repeated with its uniqueId as a till does, is posted exactly once.
 */
const DEADLINE_MS = 2000;
let child: SpawnedScript;
let stack: { databaseUrl: string; temporalAddress: string; temporalPid: number; postgresPid: number };
let h: Harness;
let scheme: TestScheme;
let outletId: string;

beforeAll(async () => {
  child = spawnScript('test/support/stack-child.ts', []);
  stack = JSON.parse(await child.waitFor('READY ', 90_000));
  h = await createHarness({ endpoints: { databaseUrl: stack.databaseUrl, temporalAddress: stack.temporalAddress }, deadlineMs: DEADLINE_MS });
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
}, 120_000);
afterAll(async () => {
  if (stack) {
    signalTree(stack.temporalPid, 'SIGCONT');
    signalTree(stack.postgresPid, 'SIGCONT');
  }
  await h?.close();
  await child?.kill('SIGTERM');
});

const temporalPid = () => stack.temporalPid;
const postgresPid = () => stack.postgresPid;

const sale = (customerId: string) => ({ customerId, outletId, uniqueId: `stall-${randomUUID()}`, lineItems: [{ quantity: 2, unitPrice: 5 }] });
// A hang guard, not a timing assertion: a request that hung would fail here instead of stalling the run.
const post = (path: string, body: unknown) => h.http.post(path).set(scheme.headers).send(body as object).timeout(DEADLINE_MS * 4);

/** Repeats a sale with its uniqueId until it is answered 201, as a till does after 503 or 202. */
const postedOnce = async (body: ReturnType<typeof sale>) => {
  const res = await eventually(() => post('/v1/transactions', body).then((r) => r), (r) => r.status === 201, 60_000);
  expect(res.body).toMatchObject({ uniqueId: body.uniqueId, pointsEarned: '60' });
  const [legs] = (await h.orm.em.fork().getConnection().execute("select count(*)::int as n from transfers where scheme_id = ? and system_unique_key like ?", [scheme.id, `sale/${body.uniqueId}%`], 'all')) as Array<{ n: number }>;
  expect(legs).toEqual({ n: 1 });
};

it('Temporal paused: sales are answered 503 with Retry-After (or 202) at their deadline, reads still work; resumed, each posts once', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  const bodies = Array.from({ length: 4 }, () => sale(customerId));
  signalTree(temporalPid(), 'SIGSTOP');
  try {
    const answers = await Promise.all(bodies.map((b) => post('/v1/transactions', b).then((r) => r)));
    for (const r of answers) {
      expect([202, 503]).toContain(r.status);
      if (r.status === 503) {
        expect(r.body.error.code).toBe('dependency_unavailable');
        expect(r.headers['retry-after']).toMatch(/^\d+$/);
      }
    }
    // What needs only PostgreSQL still answers.
    await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).timeout(DEADLINE_MS * 4).expect(200);
    const ready = await h.http.get('/readyz').timeout(DEADLINE_MS * 4);
    expect(ready.status).toBe(503);
    expect(ready.body.error.details).toEqual([expect.objectContaining({ dependency: 'temporal' })]);
  } finally {
    signalTree(temporalPid(), 'SIGCONT');
  }
  for (const b of bodies) await postedOnce(b);
  const bal = await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200);
  expect(bal.body.ledgers[0].available).toBe(String(60 * bodies.length));
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
}, 120_000);

it('PostgreSQL paused: reads and writes are answered 503 with Retry-After, never 500; resumed, each sale posts once', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  const bodies = Array.from({ length: 3 }, () => sale(customerId));
  signalTree(postgresPid(), 'SIGSTOP');
  try {
    const answers = await Promise.all([
      h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).timeout(DEADLINE_MS * 4).then((r) => r),
      h.http.get(`/v1/customers/${customerId}`).set(scheme.headers).timeout(DEADLINE_MS * 4).then((r) => r),
      ...bodies.map((b) => post('/v1/transactions', b).then((r) => r)),
    ]);
    for (const r of answers) {
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('dependency_unavailable');
      expect(r.headers['retry-after']).toMatch(/^\d+$/);
    }
  } finally {
    signalTree(postgresPid(), 'SIGCONT');
  }
  for (const b of bodies) await postedOnce(b);
  const bal = await eventually(() => h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).then((r) => r), (r) => r.status === 200);
  expect(bal.body.ledgers[0].available).toBe(String(60 * bodies.length));
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
}, 120_000);

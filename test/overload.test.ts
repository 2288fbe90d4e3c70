import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { createHarness, type Harness } from './support/harness';
import { eventually } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

/**
 * A small overload (CI-sized): HUB_CONCURRENCY 2 (2 in flight, 8 queued) and
 * 40 sales at once. The excess is shed at the door with 503 `overloaded` and
 * Retry-After — never a 500 or a pool timeout — and every sale, repeated with
 * its uniqueId until answered, is posted exactly once.
 */
let h: Harness;
let scheme: TestScheme;
let outletId: string;

beforeAll(async () => {
  h = await createHarness({ concurrency: 2 });
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
});
afterAll(() => h.close());

it('sheds what it cannot take with 503 + Retry-After, and loses or doubles nothing', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  const bodies = Array.from({ length: 40 }, () => ({ customerId, outletId, uniqueId: `flood-${randomUUID()}`, lineItems: [{ quantity: 2, unitPrice: 5 }] }));
  const post = (body: (typeof bodies)[number]) => h.http.post('/v1/transactions').set(scheme.headers).send(body).then((r) => r);

  const first = await Promise.all(bodies.map(post));
  const statuses = first.map((r) => r.status);
  expect(statuses.every((s) => s === 201 || s === 202 || s === 503)).toBe(true);
  const shed = first.filter((r) => r.status === 503);
  expect(shed.length).toBeGreaterThan(0);
  for (const r of shed) {
    expect(r.body.error.code).toBe('overloaded');
    expect(r.headers['retry-after']).toMatch(/^\d+$/);
  }
  const metrics = (await h.http.get('/metrics').expect(200)).text;
  expect(metrics).toMatch(/hub_requests_shed_total\{reason="queue_(full|wait)"\} [1-9]/);

  // The till repeats what was not answered 201, with the same uniqueId.
  for (const [i, r] of first.entries()) {
    if (r.status !== 201) await eventually(() => post(bodies[i] as (typeof bodies)[number]), (x) => x.status === 201, 60_000);
  }
  const rows = (await h.orm.em
    .fork()
    .getConnection()
    .execute('select count(*)::int as sales, sum(points_earned)::int as earned from sales where scheme_id = ? and customer_id = ?', [scheme.id, customerId], 'all')) as Array<{ sales: number; earned: number }>;
  expect(rows).toEqual([{ sales: 40, earned: 40 * 60 }]);
  const bal = await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200);
  expect(bal.body.ledgers[0].available).toBe(String(40 * 60));
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
});

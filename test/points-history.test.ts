import { randomUUID } from 'node:crypto';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { createHarness, type Harness } from './support/harness';

/**
 * A customer's points history (`GET /v1/customers/:id/points-history`): one
 * line per transfer, signed, with its reason and the available balance after
 * it, after a day of a manual award, sales, a redemption, a hold redeemed in
 * part, a return and a reward — read whole and page by page.
 */
let h: Harness;
let scheme: TestScheme;
let customerId: string;

type Line = { transferId: string; at: string; reason: string; code: string; amount: string; availableChange: string; balance: string; status: string; description: string; externalId: string | null };

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  const { outletId } = await saleWorld(h, scheme);
  ({ customerId } = await customerWithPoints(h, scheme, 1000)); // an adjustment: +1000
  const sale = (body: Record<string, unknown>) => h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId: `s-${randomUUID()}`, ...body }).expect(201);
  const first = await sale({ lineItems: [{ quantity: 5, sku: 'sku-1', unitPrice: 5 }] }); // +150
  await sale({ lineItems: [{ quantity: 1, sku: 'sku-2', unitPrice: 10 }], paymentMethods: [{ type: 'Loyale Redemption', amount: 2 }, { type: 'Cash', amount: 8 }] }); // −200, +48
  const held = await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, points: 100 }).expect(201); // −100 held
  await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send({ points: 60 }).expect(200); // 40 released
  await h.http.post(`/v1/transactions/${first.body.uniqueId}/returns/line-item`).set(scheme.headers).send({ sku: 'sku-1', quantity: 1 }).expect(201); // −30
});
afterAll(() => h.close());

const page = async (query: Record<string, string | number>) =>
  (await h.http.get(`/v1/customers/${customerId}/points-history`).query(query).set(scheme.headers).expect(200)).body as { data: Line[]; nextCursor: string | null };

it('lists every line newest first, signed, with its reason, and a running balance that ends at the available balance', async () => {
  const { data, nextCursor } = await page({ limit: 200 });
  expect(nextCursor).toBeNull();
  const balance = (await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200)).body.ledgers[0].available;
  expect(data[0]?.balance).toBe(balance);
  // Oldest first, as a statement reads.
  const lines = [...data].reverse();
  expect(lines.map((l) => [l.reason, l.amount])).toEqual([
    ['adjustment', '1000'],
    ['sale', '150'],
    ...lines.slice(2, 4).map((l) => [l.reason, l.amount]), // the redemption sale's two legs, in the request's order
    ['hold', '-100'],
    ['hold', '40'],
    ['return', '-30'],
  ]);
  expect(lines.slice(2, 4).map((l) => [l.reason, l.amount]).sort()).toEqual([['redemption', '-200'], ['sale', '48']].sort());
  // Each balance is the one before it plus this line's change to what can be spent.
  let running = 0n;
  for (const l of lines) {
    running += BigInt(l.availableChange);
    expect([l.code, l.balance]).toEqual([l.code, running.toString()]);
  }
  expect(running.toString()).toBe(balance);
  expect(lines.find((l) => l.code === 'hold')).toMatchObject({ status: 'pending', description: expect.stringMatching(/^Points held/) });
  expect(lines.every((l) => l.description.length > 0)).toBe(true);
});

it('pages with a cursor, each line once, in the same order', async () => {
  const all = (await page({ limit: 200 })).data.map((l) => l.transferId);
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const p: { data: Line[]; nextCursor: string | null } = await page({ limit: 2, ...(cursor ? { cursor } : {}) });
    seen.push(...p.data.map((l) => l.transferId));
    cursor = p.nextCursor;
  } while (cursor);
  expect(seen).toEqual(all);
});

it('filters by reason and by date, and refuses a cursor it did not issue', async () => {
  expect((await page({ reason: 'hold' })).data.map((l) => l.amount)).toEqual(['40', '-100']);
  expect((await page({ reason: 'adjustment' })).data.map((l) => l.amount)).toEqual(['1000']);
  expect((await page({ from: new Date(Date.now() + 60_000).toISOString() })).data).toEqual([]);
  expect((await page({ to: new Date(Date.now() + 60_000).toISOString(), limit: 200 })).data.length).toBe(7);
  const bad = await h.http.get(`/v1/customers/${customerId}/points-history`).query({ cursor: 'bm90LWEtY3Vyc29y' }).set(scheme.headers).expect(400);
  expect(bad.body).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'query.cursor' }] } });
  await h.http.get(`/v1/customers/${randomUUID()}/points-history`).set(scheme.headers).expect(404);
});

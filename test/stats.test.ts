import { randomUUID } from 'node:crypto';
import { eventually } from './support/child-process';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { mission } from './fixtures/missions';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { createHarness, type Harness } from './support/harness';

/** Stats over one scheme's own activity: each figure checked against what the test did, and nothing of another scheme. */
let h: Harness;
let scheme: TestScheme;
let ops: Record<string, string>;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  await saleWorld(h, scheme);
  ops = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
});
afterAll(() => h.close());

const stats = async (path: string, query: Record<string, string> = {}) => (await h.http.get(`/v1/stats/${path}`).query(query).set(ops).expect(200)).body.results;

it('counts members by day, events by type, an account by code, missions and their top members, and coupon books', async () => {
  const other = await createTestScheme(h);
  await customerWithPoints(h, other, 5);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await customerWithPoints(h, scheme, 0)).customerId);
  const [a, b] = ids as [string, string];

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Malta' }).format(new Date());
  // saleWorld and customerWithPoints made this scheme's customers; the other scheme's are not counted.
  const members = (await stats('members')) as Array<{ date: string; count: number }>;
  expect(members.reduce((n, d) => n + d.count, 0)).toBeGreaterThanOrEqual(3);
  expect(members.at(-1)?.date).toBe(today);
  const total = members.reduce((n, d) => n + d.count, 0);
  const count = Number(((await h.orm.em.fork().getConnection().execute('select count(*) as n from customers where scheme_id = ?', [scheme.id])) as Array<{ n: string }>)[0]?.n);
  expect(total).toBe(count);

  const m = await mission(h, scheme, { eventType: 'ledger-transaction-created', goalCount: 1, maxRepetitions: 5, pointsAccrual: 1, tags: ['stamp'] });
  for (const [customerId, n] of [[a, 3], [b, 1]] as const) {
    for (let i = 0; i < n; i++) await h.http.post(`/v1/customers/${customerId}/adjustments`).set(scheme.headers).send({ points: 10, reason: 'Visit' }).expect(201);
  }
  const missions = await eventually(() => stats('missions', { tag: 'stamp' }), (r: Array<{ completions: number }>) => r[0]?.completions === 4, 30_000);
  expect(missions).toEqual([{ missionId: m.id, code: m.code, name: expect.any(String), completions: 4, participants: 2 }]);
  expect(await stats('missions/top-members', { tag: 'stamp', limit: '1' })).toEqual([{ customerId: a, completions: 3, counted: '3' }]);

  const events = (await stats('events')) as Array<{ type: string; count: number }>;
  expect(events.find((e) => e.type === 'ledger-transaction-created')?.count).toBe(4);

  const account = (await h.http.get(`/v1/customers/${a}`).set(scheme.headers).expect(200)).body.wallets[0].accountId;
  const byCode = (await stats(`ledger-accounts/${account}`)) as Array<{ code: string; count: number; amount: string }>;
  expect(byCode.find((c) => c.code === 'adjustment')).toEqual({ code: 'adjustment', count: 4, amount: '40' });
  await h.http.get(`/v1/stats/ledger-accounts/${randomUUID()}`).set(ops).expect(404);

  const book = (await h.http.post('/v1/coupon-books').set(scheme.headers).send({ name: 'Stats book', tags: ['cash'], discountType: 'amount_off', discountAmount: 250, publishingStatus: 'published' }).expect(201)).body.couponBook;
  await h.http.post(`/v1/coupon-books/${book.id}/codes`).set(scheme.headers).send({ generate: 3 }).expect(201);
  const [usage] = (await h.http.post(`/v1/coupon-books/${book.id}/assign`).set(scheme.headers).send({ memberId: a, systemUniqueKeys: [`k-${randomUUID()}`, `k-${randomUUID()}`] }).expect(201)).body.couponUsages;
  await h.http.post(`/v1/coupon-books/${book.id}/use`).set(scheme.headers).send({ memberId: a, systemUniqueKey: `u-${randomUUID()}`, code: usage.code }).expect(201);
  expect(await stats('coupon-books', { tag: 'cash' })).toEqual([{ couponBookId: book.id, name: 'Stats book', assigned: 2, used: 1, discountType: 'amount_off', discountMinor: '250' }]);

  // A window that ended yesterday holds none of it; a window over a year is refused.
  expect(await stats('coupon-books', { tag: 'cash', sinceTo: new Date(Date.now() - 86_400_000).toISOString() })).toEqual([
    { couponBookId: book.id, name: 'Stats book', assigned: 0, used: 0, discountType: 'amount_off', discountMinor: '0' },
  ]);
  await h.http.get('/v1/stats/events').query({ sinceFrom: '2024-01-01T00:00:00Z', sinceTo: '2026-01-01T00:00:00Z' }).set(ops).expect(400);
  await h.http.get('/v1/stats/events').set(scheme.headers).expect(401);
});

import { randomUUID } from 'node:crypto';
import { eventually } from './support/child-process';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { mission } from './fixtures/missions';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { createHarness, type Harness } from './support/harness';
import { workflowTypes } from '../workflows/contracts/registry';
import type { RollUpStatsWorkflow } from '../workflows/contracts/stats';

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

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => h.orm.em.fork().getConnection().execute(text, params, 'all') as Promise<T[]>;
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

it('serves settled days from roll-ups counted once, and counts the window edges and today live', async () => {
  const s = await createTestScheme(h);
  const people: string[] = [];
  for (let i = 0; i < 4; i++) people.push((await customerWithPoints(h, s, 0)).customerId);
  for (const id of people) await h.http.post(`/v1/customers/${id}/adjustments`).set(s.headers).send({ points: 7, reason: 'Visit' }).expect(201);
  const account = (await h.http.get(`/v1/customers/${people[0]}`).set(s.headers).expect(200)).body.wallets[0].accountId;
  // History: the first three members (and their adjustments) joined 2, 3 and 4 days ago.
  for (const [i, id] of people.slice(0, 3).entries()) {
    await sql(`update customers set created_at = created_at - make_interval(days => ?) where id = ?`, [i + 2, id]);
    await sql(`update transfers set created_at = created_at - make_interval(days => ?) where scheme_id = ? and code = 'adjustment' and credit_wallet_id in (select id from wallets where customer_id = ?)`, [i + 2, s.id, id]);
  }
  const headers = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': s.id };
  const window = { sinceFrom: new Date(Date.now() - 10 * 86_400_000).toISOString(), sinceTo: new Date(Date.now() + 60_000).toISOString() };
  const read = async (path: string) => (await h.http.get(`/v1/stats/${path}`).query(window).set(headers).expect(200)).body.results;
  const live = await sql<{ date: string; count: number }>(
    `select to_char(created_at at time zone 'Europe/Malta', 'YYYY-MM-DD') as date, count(*)::int as count from customers where scheme_id = ? and created_at >= ? group by 1 order by 1`,
    [s.id, window.sinceFrom],
  );

  const members = await read('members');
  expect(members).toEqual(live);
  expect(members.length).toBeGreaterThanOrEqual(4);
  expect(await read(`ledger-accounts/${account}`)).toContainEqual({ code: 'adjustment', count: 4, amount: '28' });

  // The settled days are stored once per stat; the last hour and today are not.
  const days = await sql<{ metric: string; n: number; members: number }>(
    `select metric, count(*)::int as n, coalesce(sum((figures->>'count')::int), 0)::int as members from stats_days where scheme_id = ? group by metric order by metric`,
    [s.id],
  );
  expect(days.map((d) => d.metric)).toEqual(['ledger-account', 'members']);
  expect(days.every((d) => d.n >= 8 && d.n <= 10)).toBe(true);
  expect(days.find((d) => d.metric === 'members')?.members).toBe(3);

  // A second read answers the same from the roll-ups; today's new activity is counted live.
  expect(await read('members')).toEqual(live);
  await h.http.post(`/v1/customers/${people[3]}/adjustments`).set(s.headers).send({ points: 5, reason: 'Visit' }).expect(201);
  expect(await read(`ledger-accounts/${account}`)).toContainEqual({ code: 'adjustment', count: 5, amount: '33' });
  const [n] = await sql<{ n: number }>('select count(*)::int as n from stats_days where scheme_id = ?', [s.id]);
  expect(n?.n).toBe(days.reduce((t, d) => t + d.n, 0));
});

it('the hourly roll-up workflow stores every scheme’s settled days, so a first read finds them done; a rerun stores nothing new', async () => {
  const s = await createTestScheme(h);
  const { customerId } = await customerWithPoints(h, s, 0);
  await h.http.post(`/v1/customers/${customerId}/adjustments`).set(s.headers).send({ points: 9, reason: 'Visit' }).expect(201);
  await sql(`update customers set created_at = created_at - interval '5 days' where id = ?`, [customerId]);
  await sql(`update transfers set created_at = created_at - interval '5 days' where scheme_id = ? and code = 'adjustment'`, [s.id]);

  const run = () => h.client.workflow.execute<RollUpStatsWorkflow>(workflowTypes.rollUpStats, { taskQueue: h.taskQueue, workflowId: `stats-roll-up-${randomUUID()}`, args: [{}] });
  const first = await run();
  expect(first.schemes).toBeGreaterThanOrEqual(1);
  const days = await sql<{ metric: string; n: number; members: number; adjustments: number }>(
    `select metric, count(*)::int as n, coalesce(sum((figures->>'count')::int), 0)::int as members, coalesce(sum((figures->'adjustment'->>0)::int), 0)::int as adjustments
       from stats_days where scheme_id = ? group by metric order by metric`,
    [s.id],
  );
  // A year of settled days per stat (365 or 366), the backdated member and adjustment among them.
  expect(days.map((d) => [d.metric, d.n >= 364 && d.n <= 366, d.members, d.adjustments])).toEqual([
    ['ledger-account', true, 0, 1],
    ['members', true, 1, 0],
  ]);
  // A rerun stores nothing new for this scheme (other test files' schemes may well be rolling up meanwhile).
  const count = async () => (await sql<{ n: number }>('select count(*)::int as n from stats_days where scheme_id = ?', [s.id]))[0]?.n;
  const before = await count();
  await run();
  expect(await count()).toBe(before);
});

it('keeps the repeated hour of a day whose clocks go back at midnight (Havana), however its days were rolled up', async () => {
  const s = await createTestScheme(h);
  await sql(`update schemes set time_zone = 'America/Havana' where id = ?`, [s.id]);
  // 2026-11-01: Cuba's clocks go back from 01:00 to 00:00, so 00:00–01:00 is lived twice (04:00–05:00Z and 05:00–06:00Z).
  const at = ['2026-10-31T12:00:00Z', '2026-11-01T04:30:00Z', '2026-11-01T05:30:00Z', '2026-11-01T12:00:00Z'];
  for (const instant of at) {
    const { customerId } = await customerWithPoints(h, s, 0);
    await sql('update customers set created_at = ? where id = ?', [instant, customerId]);
  }
  const headers = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': s.id };
  const read = async (sinceFrom: string, sinceTo: string) => (await h.http.get('/v1/stats/members').query({ sinceFrom, sinceTo }).set(headers).expect(200)).body.results as Array<{ date: string; count: number }>;
  // Oct 31 rolled up alone first (as the hourly run does once it settles), then Nov 1 with the rest.
  // The window's end (05:00Z, the second midnight) includes the first 00:30, which is Nov 1's.
  expect(await read('2026-10-25T04:00:00Z', '2026-11-01T05:00:00Z')).toEqual([
    { date: '2026-10-31', count: 1 },
    { date: '2026-11-01', count: 1 },
  ]);
  expect(await read('2026-10-25T04:00:00Z', '2026-11-10T05:00:00Z')).toEqual([
    { date: '2026-10-31', count: 1 },
    { date: '2026-11-01', count: 3 },
  ]);
});

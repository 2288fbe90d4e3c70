import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { eventually } from './support/child-process';
import { createHarness, type Harness } from './support/harness';
import { adminFor, mission } from './fixtures/missions';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

let h: Harness;
let scheme: TestScheme;
let outletId: string;

beforeAll(async () => {
  h = await createHarness({ deadlineMs: 30_000 });
});
// Missions apply scheme-wide: each test gets a scheme of its own, so other tests' missions do not pay into its balances.
beforeEach(async () => {
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
});
afterAll(() => h.close());
afterEach(async () => {
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
});

type Progress = { counter: string; timesAchieved: number; available: boolean; inProgress: boolean; periodCompletionsLeft: number | null };
const balance = async (s: TestScheme, customerId: string) => Number((await h.http.get(`/v1/customers/${customerId}/balance`).set(s.headers).expect(200)).body.ledgers[0].available);
async function progress(s: TestScheme, customerId: string, missionId: string): Promise<Progress> {
  const res = await h.http.get(`/v1/customers/${customerId}/missions`).query({ limit: 25 }).set(s.headers).expect(200);
  return res.body.data.find((r: { mission: { id: string } }) => r.mission.id === missionId);
}
/** Waits until every event of the customer has been delivered (none running). */
async function delivered(s: TestScheme, customerId: string, atLeast: number) {
  return eventually(
    async () => (await h.http.get(`/v1/customers/${customerId}/events`).query({ limit: 25 }).set(s.headers).expect(200)).body,
    (b) => b.data.length >= atLeast && b.data.every((e: { status: string }) => e.status === 'success' || e.status === 'failed'),
  );
}
async function buy(s: TestScheme, outlet: string, customerId: string, amount: number, extra: Record<string, unknown> = {}) {
  const uniqueId = `sale-${randomUUID()}`;
  const res = await h.http.post('/v1/transactions').set(s.headers).send({ customerId, outletId: outlet, uniqueId, lineItems: [{ quantity: 1, unitPrice: amount, ...extra }] }).expect(201);
  return { uniqueId, pointsEarned: Number(res.body.pointsEarned) };
}
const track = (s: TestScheme, body: Record<string, unknown>) => h.http.post('/v1/events').set(s.headers).send(body);

describe('missions on what a sale uses', () => {
  it('counts a coupon used at the till (benefit-used) and a book code (coupon-code-used), delivered on the bus once', async () => {
    const benefit = await mission(h, scheme, { eventType: 'benefit-used', goalCount: 1, maxRepetitions: 5, pointsAccrual: 10 });
    const books = await mission(h, scheme, { eventType: 'coupon-code-used', goalCount: 1, maxRepetitions: 5, pointsAccrual: 20 });
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const code = `M-${randomUUID().slice(0, 8)}`;
    await h.http.post('/v1/coupons').set(scheme.headers).send({ code, type: 'amount_off', value: 100 }).expect(201);
    const book = (await h.http.post('/v1/coupon-books').set(scheme.headers).send({ name: 'Book', discountType: 'amount_off', discountAmount: 50, publishingStatus: 'published' }).expect(201)).body.couponBook as { id: string };
    await h.http.post(`/v1/coupon-books/${book.id}/codes`).set(scheme.headers).send({ generate: 1 }).expect(201);
    const [usage] = (await h.http.post(`/v1/coupon-books/${book.id}/assign`).set(scheme.headers).send({ memberId: customerId, systemUniqueKeys: [`k-${randomUUID()}`] }).expect(201)).body.couponUsages as Array<{ code: string }>;
    const sale = { customerId, outletId, uniqueId: `s-${randomUUID()}`, lineItems: [{ quantity: 1, unitPrice: 2000 }], coupons: [code, usage?.code] };
    const earned = Number((await h.http.post('/v1/transactions').set(scheme.headers).send(sale).expect(201)).body.pointsEarned);
    await h.http.post('/v1/transactions').set(scheme.headers).send(sale).expect(201);
    await eventually(() => progress(scheme, customerId, books.id), (p) => p?.timesAchieved === 1);
    await eventually(() => progress(scheme, customerId, benefit.id), (p) => p?.timesAchieved === 1);
    await eventually(() => balance(scheme, customerId), (b) => b === earned + 30);
  });
});

describe('purchase missions', () => {
  it('a 3-purchase mission completes on the 3rd sale and pays once', async () => {
    const m = await mission(h, scheme);
    const { customerId } = await customerWithPoints(h, scheme, 0);
    let earned = 0;
    for (let i = 1; i <= 2; i++) {
      earned += (await buy(scheme, outletId, customerId, 10)).pointsEarned;
      await delivered(scheme, customerId, i + 1);
      expect(await progress(scheme, customerId, m.id)).toMatchObject({ counter: String(i), timesAchieved: 0, inProgress: true, available: true });
    }
    earned += (await buy(scheme, outletId, customerId, 10)).pointsEarned;
    await eventually(() => progress(scheme, customerId, m.id), (p) => p.timesAchieved === 1);
    await delivered(scheme, customerId, 5);
    expect(await progress(scheme, customerId, m.id)).toMatchObject({ counter: '0', timesAchieved: 1, available: false, inProgress: false });
    expect(await balance(scheme, customerId)).toBe(earned + 100);
    // The completion is an event of its own.
    const events = await h.http.get(`/v1/customers/${customerId}/events`).query({ eventType: 'mission-status-updated' }).set(scheme.headers).expect(200);
    expect(events.body.data).toEqual([expect.objectContaining({ type: 'mission-status-updated', status: 'success', payload: expect.objectContaining({ missionId: m.id, repetition: 1, status: 'completed', points: '100' }) })]);
    // A fourth purchase: maxRepetitions is reached, nothing more is paid.
    earned += (await buy(scheme, outletId, customerId, 10)).pointsEarned;
    await delivered(scheme, customerId, 6);
    expect(await progress(scheme, customerId, m.id)).toMatchObject({ counter: '0', timesAchieved: 1 });
    expect(await balance(scheme, customerId)).toBe(earned + 100);
  });

  it('repeats up to maxRepetitions', async () => {
    const m = await mission(h, scheme, { goalCount: 2, maxRepetitions: 2, pointsAccrual: 10 });
    const { customerId } = await customerWithPoints(h, scheme, 0);
    let earned = 0;
    for (let i = 0; i < 5; i++) earned += (await buy(scheme, outletId, customerId, 5)).pointsEarned;
    await delivered(scheme, customerId, 6);
    expect(await progress(scheme, customerId, m.id)).toMatchObject({ timesAchieved: 2, counter: '0', available: false });
    expect(await balance(scheme, customerId)).toBe(earned + 20);
  });

  it('a sale the matcher does not match does not count', async () => {
    const m = await mission(h, scheme, {
      goalCount: 1,
      maxRepetitions: 5,
      pointsAccrual: 7,
      matcher: { and: [{ '>=': [{ var: 'totalMinor' }, 2000] }, { some: [{ var: 'lines' }, { in: ['Coffee', { var: 'categories' }] }] }] },
    });
    const { customerId } = await customerWithPoints(h, scheme, 0);
    await buy(scheme, outletId, customerId, 25, { categories: ['Bakery'] });
    await buy(scheme, outletId, customerId, 19.99, { categories: ['Coffee'] });
    await delivered(scheme, customerId, 3);
    expect(await progress(scheme, customerId, m.id)).toMatchObject({ timesAchieved: 0, counter: '0' });
    await buy(scheme, outletId, customerId, 20, { categories: ['Coffee', 'Hot'] });
    await eventually(() => progress(scheme, customerId, m.id), (p) => p.timesAchieved === 1);
  });
});

describe('the event bus', () => {
  it('journals a registration and a purchase nothing listens for, without a delivery workflow', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const { uniqueId } = await buy(scheme, outletId, customerId, 10);
    const events = await h.http.get(`/v1/customers/${customerId}/events`).query({ eventType: 'member-purchase-order-confirmed' }).set(scheme.headers).expect(200);
    expect(events.body.data).toEqual([expect.objectContaining({ key: `sale/${uniqueId}`, status: 'success', payload: expect.objectContaining({ uniqueId, totalMinor: '1000', returnWindowEndsAt: null }) })]);
    await expect(h.client.workflow.getHandle(`event/${scheme.id}/sale/${uniqueId}`).describe()).rejects.toThrow(/not found/i);
    // The registration too: journalled by the insert, no delivery workflow.
    const created = await h.http.get(`/v1/customers/${customerId}/events`).query({ eventType: 'member-created' }).set(scheme.headers).expect(200);
    expect(created.body.data).toEqual([expect.objectContaining({ key: `customer/${customerId}/created`, status: 'success' })]);
    await expect(h.client.workflow.getHandle(`event/${scheme.id}/customer/${customerId}/created`).describe()).rejects.toThrow(/not found/i);
    // Once a mission counts purchases, the next one is delivered by its own workflow.
    await mission(h, scheme, { goalCount: 1, pointsAccrual: 1 });
    const next = await buy(scheme, outletId, customerId, 10);
    const described = await eventually(() => h.client.workflow.getHandle(`event/${scheme.id}/sale/${next.uniqueId}`).describe().catch(() => null), (d) => d?.status.name === 'COMPLETED');
    expect(described?.type).toBe('deliverHubEvent');
  });
});

describe('tracked events', () => {
  it('register a custom type, count by a payload quantity, ignore a duplicate and refuse a reused key', async () => {
    const apiCode = `app-checkin-${randomUUID().slice(0, 8)}`;
    await h.http.post('/v1/event-types').set(adminFor(h, scheme)).send({ apiCode, name: 'App check-in' }).expect(201);
    const m = await mission(h, scheme, { eventType: apiCode, goalCount: 5, maxRepetitions: 3, pointsAccrual: 40, incrementBy: { var: 'steps' } });
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const body = { systemUniqueKey: `chk-${randomUUID()}`, customerId, eventType: apiCode, payload: { steps: 7 }, tags: ['app'] };
    const first = await track(scheme, body).expect(201);
    expect(first.body).toMatchObject({ systemUniqueKey: body.systemUniqueKey, missions: [{ missionId: m.id, counted: '7', counterAfter: '2', completed: [1], pointsAwarded: '40', timesAchieved: 1 }] });
    const again = await track(scheme, body).expect(201);
    expect(again.body).toEqual(first.body);
    const reused = await track(scheme, { ...body, payload: { steps: 1 } }).expect(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(await progress(scheme, customerId, m.id)).toMatchObject({ counter: '2', timesAchieved: 1 });
    expect(await balance(scheme, customerId)).toBe(40);

    const unknown = await track(scheme, { ...body, systemUniqueKey: `x-${randomUUID()}`, eventType: 'never-registered' }).expect(422);
    expect(unknown.body.error.message).toMatch(/Unknown event type/);
    const events = await h.http.get(`/v1/customers/${customerId}/events`).query({ status: 'success', eventType: apiCode }).set(scheme.headers).expect(200);
    expect(events.body).toMatchObject({ data: [{ key: `api/${body.systemUniqueKey}`, source: 'api', tracked: { tags: ['app'] } }], nextCursor: null });
  });

  it('20 concurrent events for one customer give the exact counter and pay each repetition once', async () => {
    const apiCode = `visit-${randomUUID().slice(0, 8)}`;
    await h.http.post('/v1/event-types').set(adminFor(h, scheme)).send({ apiCode, name: 'Visit' }).expect(201);
    const m = await mission(h, scheme, { eventType: apiCode, goalCount: 7, maxRepetitions: 10, pointsAccrual: 3 });
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => track(scheme, { systemUniqueKey: `visit-${customerId}-${i}`, customerId, eventType: apiCode })));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const completed = answers.flatMap((a) => a.body.missions.flatMap((e: { completed: number[] }) => e.completed)).sort();
    expect(completed).toEqual([1, 2]);
    expect(await progress(scheme, customerId, m.id)).toMatchObject({ counter: '6', timesAchieved: 2 });
    expect(await balance(scheme, customerId)).toBe(6);
  });

  it('caps completions per week (periodLimit)', async () => {
    const apiCode = `scan-${randomUUID().slice(0, 8)}`;
    await h.http.post('/v1/event-types').set(adminFor(h, scheme)).send({ apiCode, name: 'Scan' }).expect(201);
    const m = await mission(h, scheme, { eventType: apiCode, goalCount: 1, maxRepetitions: 100, repetitionPeriod: 'week', periodLimit: 2, pointsAccrual: 5 });
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const effects = [];
    for (let i = 0; i < 4; i++) effects.push((await track(scheme, { systemUniqueKey: `scan-${customerId}-${i}`, customerId, eventType: apiCode }).expect(201)).body.missions[0]);
    expect(effects.map((e) => [e.completed, e.capped])).toEqual([[[1], null], [[2], 'period_limit'], [[], 'period_limit'], [[], 'period_limit']]);
    expect(await progress(scheme, customerId, m.id)).toMatchObject({ timesAchieved: 2, available: true, periodCompletionsLeft: 0 });
    expect(await balance(scheme, customerId)).toBe(10);
  });

  it('counts points operations (ledger-transaction-created): two adjustments complete a mission once', async () => {
    const own = await createTestScheme(h);
    await saleWorld(h, own);
    const m = await mission(h, own, { eventType: 'ledger-transaction-created', goalCount: 2, maxRepetitions: 1, pointsAccrual: 7 });
    const { customerId } = await customerWithPoints(h, own, 0);
    for (const uniqueId of ['a', 'b', 'b']) await h.http.post(`/v1/customers/${customerId}/adjustments`).set(own.headers).send({ points: 10, reason: 'Goodwill', uniqueId: `${customerId}-${uniqueId}` }).expect(201);
    await eventually(() => progress(own, customerId, m.id), (p) => p.timesAchieved === 1);
    // The mission's own award is not a points operation: it counts nothing.
    await delivered(own, customerId, 3);
    const events = (await h.http.get(`/v1/customers/${customerId}/events`).query({ eventType: 'ledger-transaction-created' }).set(own.headers).expect(200)).body.data;
    expect(events.map((e: { status: string; payload: { points: string } }) => [e.status, e.payload.points])).toEqual([['success', '10'], ['success', '10']]);
    expect(await balance(own, customerId)).toBe(27);
  });

  it('manual increments are idempotent by systemUniqueKey and refused on an inactive mission', async () => {
    const m = await mission(h, scheme, { eventType: 'member-generic-event', goalCount: 3, maxRepetitions: 5, pointsAccrual: 25 });
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const key = `inc-${randomUUID()}`;
    const first = await h.http.post(`/v1/customers/${customerId}/missions/${m.id}/increment`).set(scheme.headers).send({ amount: 5, systemUniqueKey: key }).expect(201);
    expect(first.body).toMatchObject({ systemUniqueKey: key, balance: { missionId: m.id, counted: '5', counterAfter: '2', completed: [1], timesAchieved: 1, pointsAwarded: '25' } });
    const again = await h.http.post(`/v1/customers/${customerId}/missions/${m.id}/increment`).set(scheme.headers).send({ amount: 5, systemUniqueKey: key }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await balance(scheme, customerId)).toBe(25);

    const got = (await h.http.get(`/v1/missions/${m.id}`).set(adminFor(h, scheme)).expect(200)).body;
    const { id: _i, schemeId: _s, createdAt: _c, updatedAt: _u, ...body } = got;
    await h.http.put(`/v1/missions/${m.id}`).set(adminFor(h, scheme)).send({ ...body, active: false }).expect(200);
    const refused = await h.http.post(`/v1/customers/${customerId}/missions/${m.id}/increment`).set(scheme.headers).send({ amount: 1 }).expect(422);
    expect(refused.body.error.message).toMatch(/not active/);
    expect(await progress(scheme, customerId, m.id)).toMatchObject({ counter: '2', timesAchieved: 1 });
  });
});

describe('returns', () => {
  let win: TestScheme;
  let winOutlet: string;
  beforeEach(async () => {
    win = await createTestScheme(h);
    ({ outletId: winOutlet } = await saleWorld(h, win));
    await h.http.put(`/v1/schemes/${win.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnWindowSeconds: 60, returnPolicy: 'allow_negative' }).expect(200);
  });
  afterEach(async () => {
    expect(await verifyLedger(h.orm, win.id)).toEqual([]);
  });

  it('a full return inside the window rolls progress back and reverses the repetition it completed; a new purchase completes it again', async () => {
    const m = await mission(h, win, { goalCount: 2, maxRepetitions: 5, pointsAccrual: 50 });
    const { customerId } = await customerWithPoints(h, win, 0);
    await buy(win, winOutlet, customerId, 10);
    const second = await buy(win, winOutlet, customerId, 10);
    await eventually(() => progress(win, customerId, m.id), (p) => p.timesAchieved === 1);
    expect(await balance(win, customerId)).toBe(50); // the sales' own points are pending for 60 s

    await h.http.post(`/v1/transactions/${second.uniqueId}/returns/full`).set(win.headers).send({}).expect(201);
    await eventually(() => progress(win, customerId, m.id), (p) => p.timesAchieved === 0);
    expect(await progress(win, customerId, m.id)).toMatchObject({ counter: '1', timesAchieved: 0 });
    expect(await balance(win, customerId)).toBe(0);

    await buy(win, winOutlet, customerId, 10);
    await eventually(() => progress(win, customerId, m.id), (p) => p.timesAchieved === 1);
    expect(await balance(win, customerId)).toBe(50);
    const statuses = await eventually(
      async () => (await h.http.get(`/v1/customers/${customerId}/events`).query({ eventType: 'mission-status-updated' }).set(win.headers).expect(200)).body.data.map((e: { payload: { status: string } }) => e.payload.status).sort(),
      (s: string[]) => s.length === 3,
    );
    expect(statuses).toEqual(['completed', 'completed', 'reversed']);
  });

  it('a partial return leaves progress alone', async () => {
    const m = await mission(h, win, { goalCount: 3, maxRepetitions: 5, pointsAccrual: 50 });
    const { customerId } = await customerWithPoints(h, win, 0);
    const uniqueId = `sale-${randomUUID()}`;
    await h.http.post('/v1/transactions').set(win.headers).send({ customerId, outletId: winOutlet, uniqueId, lineItems: [{ quantity: 2, sku: 'cup', unitPrice: 10 }] }).expect(201);
    await eventually(() => progress(win, customerId, m.id), (p) => p.counter === '1');
    await h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(win.headers).send({ sku: 'cup', quantity: 1, uniqueId: `ret-${randomUUID()}` }).expect(201);
    await delivered(win, customerId, 3);
    expect(await progress(win, customerId, m.id)).toMatchObject({ counter: '1' });
    // Returning the rest makes it a full return: the purchase no longer counts.
    await h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(win.headers).send({ sku: 'cup', quantity: 1, uniqueId: `ret-${randomUUID()}` }).expect(201);
    await eventually(() => progress(win, customerId, m.id), (p) => p.counter === '0');
  });
});

describe('mission administration', () => {
  it('creates, filters, reads and replaces missions; tests matchers; refuses bad ones in the one error format', async () => {
    const tag = `t${randomUUID().slice(0, 6)}`;
    const a = await mission(h, scheme, { type: 'purchase', tags: [tag, 'coffee'] });
    const b = await mission(h, scheme, { type: 'engagement', tags: [tag] });
    const admin = adminFor(h, scheme);
    const byTag = await h.http.get('/v1/missions').query({ tags: tag, limit: 25 }).set(admin).expect(200);
    expect(byTag.body.data.map((m: { id: string }) => m.id).sort()).toEqual([a.id, b.id].sort());
    // A page of one, then the next after its cursor: the filtered list keyset-paged like the SQL ones.
    const first = await h.http.get('/v1/missions').query({ tags: tag, limit: 1 }).set(admin).expect(200);
    const second = await h.http.get('/v1/missions').query({ tags: tag, limit: 1, cursor: first.body.nextCursor }).set(admin).expect(200);
    expect([first.body.data[0].id, second.body.data[0].id]).toEqual([a.id, b.id]);
    expect(second.body.nextCursor).toBeNull();
    // Points are decimal strings in /v1 answers.
    expect(first.body.data[0].pointsAccrual).toEqual(expect.stringMatching(/^\d+$/));
    const byType = await h.http.get('/v1/missions').query({ tags: tag, type: 'engagement' }).set(admin).expect(200);
    expect(byType.body).toMatchObject({ data: [{ id: b.id }], nextCursor: null });
    const byCode = await h.http.get('/v1/missions').query({ codes: `${a.code},nope` }).set(admin).expect(200);
    expect(byCode.body.data.map((m: { id: string }) => m.id)).toEqual([a.id]);

    const tested = await h.http.post('/v1/missions/matchers/test').set(admin).send({ matcher: { '>=': [{ var: 'totalMinor' }, 2000] }, incrementBy: { var: 'qty' }, payload: { totalMinor: '2500', qty: 3 } }).expect(200);
    expect(tested.body).toEqual({ matches: true, increment: '3' });
    const badRule = await h.http.post('/v1/missions').set(admin).send({ name: 'x', code: `bad-${tag}`, eventType: 'member-created', goalCount: 1, maxRepetitions: 1, matcher: { regex: ['a'] } }).expect(400);
    expect(badRule.body.error.details[0]).toMatchObject({ path: 'body.matcher' });
    const dup = await h.http.post('/v1/missions').set(admin).send({ name: 'x', code: a.code, eventType: 'member-created', goalCount: 1, maxRepetitions: 1 }).expect(409);
    expect(dup.body.error.code).toBe('conflict');
    const unknownType = await h.http.post('/v1/missions').set(admin).send({ name: 'x', code: `u-${tag}`, eventType: 'no-such-type', goalCount: 1, maxRepetitions: 1 }).expect(400);
    expect(unknownType.body.error.details[0].path).toBe('body.eventType');
    await h.http.post('/v1/missions').set(scheme.headers).send({}).expect(401);
    const other = await createTestScheme(h);
    await h.http.get(`/v1/missions/${a.id}`).set(adminFor(h, other)).expect(404);
    const { customerId } = await customerWithPoints(h, other, 0);
    await h.http.post(`/v1/customers/${customerId}/missions/${a.id}/increment`).set(other.headers).send({ amount: 1 }).expect(404);
  });
});

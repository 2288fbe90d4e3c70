import { randomUUID } from 'node:crypto';
import { eventually } from './support/child-process';
import { adminFor, mission } from './fixtures/missions';
import { referralCode, referralProgram } from './fixtures/referrals';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { createHarness, type Harness } from './support/harness';

/**
 * Audiences: JSON Logic over a member, judged when asked — so membership
 * follows balance and tier changes at once — and honoured by coupon books'
 * audienceKeys.
 */
let h: Harness;
let scheme: TestScheme;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  await saleWorld(h, scheme);
});
afterAll(() => h.close());

const audience = async (key: string, rule: Record<string, unknown>) => (await h.http.post('/v1/audiences').set(scheme.headers).send({ key, name: key, rule }).expect(201)).body.audience as { id: string; key: string };
const mine = async (customerId: string) => ((await h.http.get(`/v1/customers/${customerId}/audiences`).set(scheme.headers).expect(200)).body.audiences as Array<{ key: string }>).map((a) => a.key).sort();
const check = async (audienceId: string, customerId: string) => (await h.http.get(`/v1/audiences/${audienceId}/members/${customerId}`).set(scheme.headers).expect(200)).body.matches as boolean;

it('follows balance and tier changes: in and out of audiences as they happen', async () => {
  const suffix = randomUUID().slice(0, 6);
  const rich = await audience(`rich-${suffix}`, { '>=': [{ var: 'balance' }, 100] });
  const tierName = `Gold ${suffix}`;
  const gold = await audience(`gold-${suffix}`, { '==': [{ var: 'tier.name' }, tierName] });
  const { customerId } = await customerWithPoints(h, scheme, 50);
  expect(await check(rich.id, customerId)).toBe(false);
  expect((await mine(customerId)).filter((k) => k.endsWith(suffix))).toEqual([]);

  await h.http.post(`/v1/customers/${customerId}/adjustments`).set(scheme.headers).send({ points: 60, reason: 'Goodwill' }).expect(201);
  expect(await check(rich.id, customerId)).toBe(true);
  const tier = (await h.http.post('/v1/tiers').set({ Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id }).send({ name: tierName, active: true, minRequiredPoints: 1_000_000, tierOrder: 9 }).expect(201)).body.tier;
  await h.http.put(`/v1/customers/${customerId}/tier`).set(scheme.headers).send({ loyaltyTierId: tier.id }).expect(200);
  expect((await mine(customerId)).filter((k) => k.endsWith(suffix))).toEqual([gold.key, rich.key].sort());

  await h.http.post(`/v1/customers/${customerId}/adjustments`).set(scheme.headers).send({ points: -20, reason: 'Refund' }).expect(201);
  await h.http.put(`/v1/customers/${customerId}/tier`).set(scheme.headers).send({ loyaltyTierId: null }).expect(200);
  expect((await mine(customerId)).filter((k) => k.endsWith(suffix))).toEqual([]);
});

it("gives a coupon book's codes only to members of its audiences", async () => {
  const key = `buyers-${randomUUID().slice(0, 6)}`;
  await audience(key, { '>=': [{ var: 'balance' }, 500] });
  const book = (await h.http.post('/v1/coupon-books').set(scheme.headers).send({ name: 'For buyers', discountType: 'percent_off', discountAmount: 10, publishingStatus: 'published', audienceKeys: [key] }).expect(201)).body.couponBook;
  await h.http.post(`/v1/coupon-books/${book.id}/codes`).set(scheme.headers).send({ generate: 2 }).expect(201);
  const poor = await customerWithPoints(h, scheme, 10);
  const refused = await h.http.post(`/v1/coupon-books/${book.id}/assign`).set(scheme.headers).send({ memberId: poor.customerId, systemUniqueKeys: [`k-${randomUUID()}`] }).expect(422);
  expect(refused.body.error.message).toMatch(/none of the coupon book's audiences/);
  const rich = await customerWithPoints(h, scheme, 600);
  await h.http.post(`/v1/coupon-books/${book.id}/assign`).set(scheme.headers).send({ memberId: rich.customerId, systemUniqueKeys: [`k-${randomUUID()}`] }).expect(201);
  // The member's list of books shows the book to its audience only.
  const books = async (memberId: string) => ((await h.http.get(`/v1/customers/${memberId}/coupon-books`).query({ limit: 100 }).set(scheme.headers).expect(200)).body.data as Array<{ id: string }>).map((b) => b.id);
  expect(await books(rich.customerId)).toContain(book.id);
  expect(await books(poor.customerId)).not.toContain(book.id);
});

it('refuses a bad rule and a taken key; another scheme sees none of it', async () => {
  const key = `k-${randomUUID().slice(0, 6)}`;
  const a = await audience(key, { '>=': [{ var: 'purchases' }, 1] });
  await h.http.post('/v1/audiences').set(scheme.headers).send({ key, name: 'again', rule: { '>=': [{ var: 'purchases' }, 1] } }).expect(409);
  await h.http.post('/v1/audiences').set(scheme.headers).send({ key: `${key}-2`, name: 'bad', rule: { nope: [] } }).expect(400);
  const stranger = await createTestScheme(h);
  await h.http.get(`/v1/audiences/${a.id}`).set(stranger.headers).expect(404);
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await h.http.get(`/v1/audiences/${a.id}/members/${customerId}`).set(stranger.headers).expect(404);
  await h.http.get(`/v1/customers/${customerId}/audiences`).set(stranger.headers).expect(404);
});

it("counts a mission only for its audience's members, judged as each event is counted, and shows it only to them", async () => {
  const rich = await audience(`rich-m-${randomUUID().slice(0, 6)}`, { '>=': [{ var: 'balance' }, 100] });
  const m = await mission(h, scheme, { eventType: 'ledger-transaction-created', goalCount: 1, maxRepetitions: 10, pointsAccrual: 0, audienceId: rich.id });
  const { customerId } = await customerWithPoints(h, scheme, 50);
  const mine = async () => ((await h.http.get(`/v1/customers/${customerId}/missions`).query({ limit: 100 }).set(scheme.headers).expect(200)).body.data as Array<{ mission: { id: string }; counter: string; timesAchieved: number }>).find((x) => x.mission.id === m.id);

  // 60 points: outside the audience when counted; the mission is not theirs and a manual increment is refused.
  await h.http.post(`/v1/customers/${customerId}/adjustments`).set(scheme.headers).send({ points: 10, reason: 'Visit' }).expect(201);
  expect(await mine()).toBeUndefined();
  const refused = await h.http.post(`/v1/customers/${customerId}/missions/${m.id}/increment`).set(scheme.headers).send({ amount: 1, systemUniqueKey: `i-${randomUUID()}` }).expect(422);
  expect(refused.body.error.message).toMatch(/not in the mission's audience/);

  // 120 points: in, and this event counts — the earlier one did not.
  await h.http.post(`/v1/customers/${customerId}/adjustments`).set(scheme.headers).send({ points: 60, reason: 'Visit' }).expect(201);
  await eventually(mine, (x) => (x?.timesAchieved ?? 0) >= 1, 30_000);
  const events = async () => (await h.http.get(`/v1/customers/${customerId}/events`).query({ limit: 25 }).set(scheme.headers).expect(200)).body.data as Array<{ status: string }>;
  await eventually(events, (all) => all.every((e) => e.status === 'success' || e.status === 'failed'), 30_000);
  expect((await mine())?.timesAchieved).toBe(1);

  const unknown = await h.http.post('/v1/missions').set(adminFor(h, scheme)).send({ name: 'x', code: `M-${randomUUID().slice(0, 8)}`, eventType: 'ledger-transaction-created', goalCount: 1, maxRepetitions: 1, audienceId: randomUUID() }).expect(400);
  expect(unknown.body.error.details).toEqual([{ path: 'body.audienceId', message: 'not an audience of this scheme' }]);
});

it("lets only a referral programme's audience refer: no codes for others, and a code is refused once its holder left", async () => {
  const rich = await audience(`rich-r-${randomUUID().slice(0, 6)}`, { '>=': [{ var: 'balance' }, 100] });
  const program = await referralProgram(h, scheme, { audienceId: rich.id });
  const poor = await customerWithPoints(h, scheme, 10);
  const noCode = await h.http.post(`/v1/referral-programs/${program.id}/codes`).set(scheme.headers).send({ customerId: poor.customerId }).expect(422);
  expect(noCode.body.error.message).toMatch(/not in the referral programme's audience/);

  const referrer = await customerWithPoints(h, scheme, 150);
  const code = await referralCode(h, scheme, program.id, referrer.customerId);
  const friend = await customerWithPoints(h, scheme, 0);
  // The referrer spends below the audience's floor: their code no longer brings anyone in, and nothing is taken.
  await h.http.post(`/v1/customers/${referrer.customerId}/adjustments`).set(scheme.headers).send({ points: -100, reason: 'Spent' }).expect(201);
  const late = await h.http.post(`/v1/customers/${friend.customerId}/referral`).set(scheme.headers).send({ code }).expect(422);
  expect(late.body.error.message).toMatch(/not in the referral programme's audience/);
  const codes = (await h.http.get(`/v1/referral-programs/${program.id}/codes`).query({ customerId: referrer.customerId }).set(scheme.headers).expect(200)).body.data as Array<{ uses: number }>;
  expect(codes.map((c) => c.uses)).toEqual([0]);

  await h.http.post(`/v1/customers/${referrer.customerId}/adjustments`).set(scheme.headers).send({ points: 100, reason: 'Back' }).expect(201);
  await h.http.post(`/v1/customers/${friend.customerId}/referral`).set(scheme.headers).send({ code }).expect(201);
});

it("reads a member's custom attributes, set at registration and replaced by an edit; bad attributes are a 400", async () => {
  const students = await audience(`students-${randomUUID().slice(0, 6)}`, { '==': [{ var: 'customAttributes.segment' }, 'student'] });
  const created = await h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', randomUUID()).send({ firstName: 'Ana', customAttributes: { segment: 'student', visits: 3 } }).expect(201);
  const id = created.body.id as string;
  expect(created.body.customAttributes).toEqual({ segment: 'student', visits: 3 });
  expect(await check(students.id, id)).toBe(true);
  const edited = await h.http.put(`/v1/customers/${id}`).set(scheme.headers).send({ customAttributes: { segment: 'staff' } }).expect(200);
  expect(edited.body.customAttributes).toEqual({ segment: 'staff' });
  expect(await check(students.id, id)).toBe(false);
  // A name every object has reads as unset for a member who did not set it.
  const anyone = await audience(`proto-${randomUUID().slice(0, 6)}`, { '!!': [{ var: 'customAttributes.constructor' }] });
  expect(await check(anyone.id, id)).toBe(false);

  const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, i]));
  for (const customAttributes of [many, { nested: { no: 1 } }, { '1bad': 1 }, { constructor: 'x' }, { a: 'x'.repeat(500), b: 'x'.repeat(500), ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'y'.repeat(500)])) }]) {
    await h.http.put(`/v1/customers/${id}`).set(scheme.headers).send({ customAttributes }).expect(400);
  }
  expect((await h.http.get(`/v1/customers/${id}`).set(scheme.headers).expect(200)).body.customAttributes).toEqual({ segment: 'staff' });
});

it('searches audiences by name or description, any case, wildcards taken literally', async () => {
  const tag = randomUUID().slice(0, 8);
  const a = (await h.http.post('/v1/audiences').set(scheme.headers).send({ key: `vip-${tag}`, name: `VIP ${tag}`, rule: { '>=': [{ var: 'balance' }, 1] } }).expect(201)).body.audience;
  const b = (await h.http.post('/v1/audiences').set(scheme.headers).send({ key: `lapsed-${tag}`, name: 'Lapsed', description: `no visit in 90 days ${tag} 100%`, rule: { '==': [{ var: 'purchases' }, 0] } }).expect(201)).body.audience;
  const search = async (q: string) => ((await h.http.get('/v1/audiences').query({ search: q, limit: 100 }).set(scheme.headers).expect(200)).body.data as Array<{ id: string }>).map((x) => x.id);
  expect(await search(`vip ${tag}`)).toEqual([a.id]);
  expect(await search(`${tag} 100%`)).toEqual([b.id]);
  expect(await search(tag)).toEqual([b.id, a.id]);
  expect(await search(`${tag}_`)).toEqual([]);
});

import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { referralState } from '../workflows/contracts/referrals';
import { workflowIds } from '../workflows/contracts/registry';
import { eventually } from './support/child-process';
import { createHarness, type Harness } from './support/harness';
import { customerBody } from './fixtures/customers';
import { referralCode, referralProgram } from './fixtures/referrals';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

let h: Harness;
let scheme: TestScheme;
let outletId: string;

beforeAll(async () => {
  // 20 sales at once on two shared cores can take longer than the usual 5 s before a 202.
  h = await createHarness({ deadlineMs: 30_000 });
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
});
afterAll(() => h.close());
afterEach(async () => {
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
});

const balance = async (s: TestScheme, customerId: string) =>
  Number((await h.http.get(`/v1/customers/${customerId}/balance`).set(s.headers).expect(200)).body.ledgers[0].available);
const referralOf = async (s: TestScheme, customerId: string) => (await h.http.get(`/v1/customers/${customerId}/referral`).set(s.headers).expect(200)).body;
const settled = (s: TestScheme, customerId: string, status: string) => eventually(() => referralOf(s, customerId), (r) => r.status === status);
const register = (s: TestScheme, extra: Record<string, unknown> = {}) => h.http.post('/v1/customers').set(s.headers).send(customerBody(extra));
async function buy(s: TestScheme, outlet: string, customerId: string, amount: number) {
  const uniqueId = `sale-${randomUUID()}`;
  const res = await h.http.post('/v1/transactions').set(s.headers).send({ customerId, outletId: outlet, uniqueId, lineItems: [{ quantity: 1, unitPrice: amount }] }).expect(201);
  return { uniqueId, pointsEarned: Number(res.body.pointsEarned) };
}

describe('sign-up referrals', () => {
  it('reward both sides once when the referred customer registers with the code', async () => {
    const program = await referralProgram(h, scheme, { eventType: 'member-created', referrerPointsAccrual: 100, referredPointsAccrual: 40 });
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, program.id, referrer);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const friend = await register(scheme, { referralCode: code.toLowerCase() }).expect(201);
    const referral = await settled(scheme, friend.body.id, 'QUALIFIED');
    expect(referral).toMatchObject({ programId: program.id, code, referrerCustomerId: referrer, referrerPaid: '100', referredPaid: '40', qualifyingEventKey: `customer/${friend.body.id}/created` });
    expect(await balance(scheme, referrer)).toBe(100);
    expect(await balance(scheme, friend.body.id)).toBe(40);

    // Ops: the workflow is found by the referred customer and answers its state.
    const handle = h.client.workflow.getHandle(workflowIds.referral(scheme.id, program.id, friend.body.id));
    expect(await handle.query(referralState)).toMatchObject({ status: 'QUALIFIED', referral: { referrerPaid: '100' } });
    const found = await eventually(
      async () => {
        const ids: string[] = [];
        for await (const w of h.client.workflow.list({ query: `CustomerId = '${friend.body.id}' AND WorkflowType = 'referral'` })) ids.push(w.workflowId);
        return ids;
      },
      (ids) => ids.length === 1,
    );
    expect(found).toEqual([handle.workflowId]);

    const referred = await h.http.get(`/v1/referral-programs/${program.id}/codes/${referral.codeId}/referred`).set(scheme.headers).expect(200);
    expect(referred.body).toMatchObject({ data: [{ referredCustomerId: friend.body.id, status: 'QUALIFIED' }], nextCursor: null });
  });

  it('refuses a registration with an unknown code or a closed programme and creates no customer', async () => {
    const body = customerBody({ referralCode: 'NOPE-NOPE-NOPE' });
    const unknown = await h.http.post('/v1/customers').set(scheme.headers).send(body).expect(422);
    expect(unknown.body.error).toMatchObject({ code: 'business_rule_violated', message: 'Unknown referral code' });
    const list = await h.http.get('/v1/customers').query({ email: body.email as string }).set(scheme.headers).expect(200);
    expect(list.body.data).toEqual([]);

    const ended = await referralProgram(h, scheme, { eventType: 'member-created', validToDate: new Date(Date.now() - 1000).toISOString() });
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, ended.id, referrer);
    const late = await register(scheme, { referralCode: code }).expect(422);
    expect(late.body.error.message).toMatch(/ended/);
  });

  it('take a sign-up code at registration only', async () => {
    const program = await referralProgram(h, scheme, { eventType: 'member-created' });
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, program.id, referrer);
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const res = await h.http.post(`/v1/customers/${customerId}/referral`).set(scheme.headers).send({ code }).expect(409);
    expect(res.body.error.message).toMatch(/registers/);
  });
});

describe('first-purchase referrals', () => {
  it('pay on the first sale at the minimum, and never again', async () => {
    const program = await referralProgram(h, scheme, { minPurchaseMinor: 2000 });
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, program.id, referrer, `ADA-${randomUUID().slice(0, 8).toUpperCase()}`);
    const friend = await register(scheme, { referralCode: code }).expect(201);
    expect(await referralOf(scheme, friend.body.id)).toMatchObject({ status: 'PENDING', referrerPaid: '0' });

    const small = await buy(scheme, outletId, friend.body.id, 19.99);
    // The small sale's event reaches the referral and is not the one it waits for.
    await eventually(async () => (await h.http.get(`/v1/customers/${friend.body.id}/referral`).set(scheme.headers)).body, (r) => r.status === 'PENDING');
    const first = await buy(scheme, outletId, friend.body.id, 20);
    const referral = await settled(scheme, friend.body.id, 'QUALIFIED');
    expect(referral).toMatchObject({ qualifyingSaleId: first.uniqueId, referrerPaid: '200', referredPaid: '50' });
    const second = await buy(scheme, outletId, friend.body.id, 50);

    await new Promise((r) => setTimeout(r, 1500));
    expect(await referralOf(scheme, friend.body.id)).toMatchObject({ status: 'QUALIFIED', qualifyingSaleId: first.uniqueId });
    expect(await balance(scheme, referrer)).toBe(200);
    expect(await balance(scheme, friend.body.id)).toBe(small.pointsEarned + first.pointsEarned + second.pointsEarned + 50);
  });

  it('expire at the deadline and pay nothing', async () => {
    const program = await referralProgram(h, scheme, { qualifyWithinSeconds: 2 });
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, program.id, referrer);
    const friend = await register(scheme, { referralCode: code }).expect(201);
    const referral = await settled(scheme, friend.body.id, 'EXPIRED');
    expect(referral).toMatchObject({ referrerPaid: '0', referredPaid: '0', qualifiedAt: null });
    // A purchase after the deadline finds no one listening.
    await buy(scheme, outletId, friend.body.id, 30);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await balance(scheme, referrer)).toBe(0);
    // The lapsed referral gave its code use back.
    const codes = await h.http.get(`/v1/referral-programs/${program.id}/codes`).query({ customerId: referrer }).set(scheme.headers).expect(200);
    expect(codes.body.data[0]).toMatchObject({ code, uses: 0 });
  });

  it('refuse self-referral, a second referrer, an inactive programme and a customer who already bought', async () => {
    const program = await referralProgram(h, scheme);
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, program.id, referrer);
    const self = await h.http.post(`/v1/customers/${referrer}/referral`).set(scheme.headers).send({ code }).expect(422);
    expect(self.body.error.message).toMatch(/cannot refer themselves/);

    const { customerId: friend } = await customerWithPoints(h, scheme, 0);
    await h.http.post(`/v1/customers/${friend}/referral`).set(scheme.headers).send({ code }).expect(201);
    // A retried attach answers the same referral.
    const again = await h.http.post(`/v1/customers/${friend}/referral`).set(scheme.headers).send({ code }).expect(201);
    expect(again.body.status).toBe('PENDING');
    const { customerId: other } = await customerWithPoints(h, scheme, 0);
    const otherCode = await referralCode(h, scheme, program.id, other);
    const second = await h.http.post(`/v1/customers/${friend}/referral`).set(scheme.headers).send({ code: otherCode }).expect(409);
    expect(second.body.error.message).toMatch(/already been referred/);

    const { customerId: buyer } = await customerWithPoints(h, scheme, 0);
    await buy(scheme, outletId, buyer, 10);
    const late = await h.http.post(`/v1/customers/${buyer}/referral`).set(scheme.headers).send({ code }).expect(409);
    expect(late.body.error.message).toMatch(/already made a purchase/);

    const paused = await referralProgram(h, scheme, { active: false });
    const pausedCode = await referralCode(h, scheme, paused.id, referrer);
    const { customerId: someone } = await customerWithPoints(h, scheme, 0);
    const inactive = await h.http.post(`/v1/customers/${someone}/referral`).set(scheme.headers).send({ code: pausedCode }).expect(422);
    expect(inactive.body.error.message).toMatch(/not active/);
    expect(await referralOf(scheme, friend)).toMatchObject({ status: 'PENDING', code });
  });
});

describe('limits under concurrency', () => {
  it('20 customers racing for a code with maxPerCode 5: exactly 5 are referred, qualify and are paid', async () => {
    const program = await referralProgram(h, scheme, { maxPerCode: 5, referrerPointsAccrual: 30, referredPointsAccrual: 10 });
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, program.id, referrer);
    const racers = await Promise.all(Array.from({ length: 20 }, () => customerWithPoints(h, scheme, 0)));
    const answers = await Promise.all(racers.map((c) => h.http.post(`/v1/customers/${c.customerId}/referral`).set(scheme.headers).send({ code })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 409).every((a) => /maximum 5 times/.test(a.body.error.message))).toBe(true);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(15);

    await Promise.all(racers.map((c) => buy(scheme, outletId, c.customerId, 10)));
    const referred = racers.filter((_, i) => answers[i]?.status === 201);
    for (const c of referred) await settled(scheme, c.customerId, 'QUALIFIED');
    expect(await balance(scheme, referrer)).toBe(5 * 30);
    const report = await h.http.get(`/v1/referral-programs/${program.id}/report`).set({ Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id }).expect(200);
    expect(report.body).toEqual({ data: [{ referrerCustomerId: referrer, referredCount: 5, qualifiedCount: 5, pointsPaid: '150' }], nextCursor: null });
  });

  it('registrations racing for the last uses: the refused ones create no customer', async () => {
    const program = await referralProgram(h, scheme, { eventType: 'member-created', maxPerCode: 3, referrerPointsAccrual: 7, referredPointsAccrual: 0 });
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, program.id, referrer);
    const bodies = Array.from({ length: 8 }, () => customerBody({ referralCode: code }));
    const answers = await Promise.all(bodies.map((b) => h.http.post('/v1/customers').set(scheme.headers).send(b)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
    for (const [i, a] of answers.entries()) {
      if (a.status === 201) continue;
      const list = await h.http.get('/v1/customers').query({ email: bodies[i]?.email as string }).set(scheme.headers).expect(200);
      expect(list.body.data).toEqual([]);
    }
    await eventually(() => balance(scheme, referrer), (b) => b === 21);
  });

  it('maxReferralsPerMember 3 with 6 referrals qualifying at once: the referrer is paid 3 times, every referred customer once', async () => {
    const program = await referralProgram(h, scheme, { maxReferralsPerMember: 3, referrerPointsAccrual: 100, referredPointsAccrual: 20 });
    const { customerId: referrer } = await customerWithPoints(h, scheme, 0);
    const code = await referralCode(h, scheme, program.id, referrer);
    const friends = [];
    for (let i = 0; i < 6; i++) {
      const { customerId } = await customerWithPoints(h, scheme, 0);
      await h.http.post(`/v1/customers/${customerId}/referral`).set(scheme.headers).send({ code }).expect(201);
      friends.push(customerId);
    }
    const sales = await Promise.all(friends.map((f) => buy(scheme, outletId, f, 10)));
    const referrals = await Promise.all(friends.map((f) => settled(scheme, f, 'QUALIFIED')));
    expect(referrals.filter((r) => r.referrerPaid === '100')).toHaveLength(3);
    expect(referrals.filter((r) => r.referrerPaid === '0' && /maximum of 3/.test(r.note))).toHaveLength(3);
    expect(await balance(scheme, referrer)).toBe(300);
    for (const [i, f] of friends.entries()) expect(await balance(scheme, f)).toBe((sales[i]?.pointsEarned ?? 0) + 20);
    // The referrer is full: a new referral is refused up front.
    const { customerId: late } = await customerWithPoints(h, scheme, 0);
    const refused = await h.http.post(`/v1/customers/${late}/referral`).set(scheme.headers).send({ code }).expect(409);
    expect(refused.body.error.message).toMatch(/limit of 3/);
  });
});

describe('a fully returned qualifying sale', () => {
  let win: TestScheme;
  let winOutlet: string;
  beforeAll(async () => {
    win = await createTestScheme(h);
    ({ outletId: winOutlet } = await saleWorld(h, win));
    await h.http.put(`/v1/schemes/${win.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnWindowSeconds: 4, returnPolicy: 'allow_negative' }).expect(200);
  });
  afterEach(async () => {
    expect(await verifyLedger(h.orm, win.id)).toEqual([]);
  });

  it('inside its return window reverses both rewards', async () => {
    const program = await referralProgram(h, win, { referrerPointsAccrual: 200, referredPointsAccrual: 50 });
    const { customerId: referrer } = await customerWithPoints(h, win, 0);
    const code = await referralCode(h, win, program.id, referrer);
    const friend = await register(win, { referralCode: code }).expect(201);
    const sale = await buy(win, winOutlet, friend.body.id, 20);
    await settled(win, friend.body.id, 'QUALIFIED');
    expect(await balance(win, referrer)).toBe(200);
    // The referrer spends part of the reward: allow_negative takes all of it back anyway.
    const w = (await h.http.get(`/v1/customers/${referrer}`).set(win.headers).expect(200)).body.wallets[0];
    await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/burn`).set(win.headers).send({ amount: 150 }).expect(201);

    await h.http.post(`/v1/transactions/${sale.uniqueId}/returns/full`).set(win.headers).send({}).expect(201);
    const reversed = await settled(win, friend.body.id, 'REVERSED');
    expect(reversed.reversal).toMatchObject({ referrerReversed: '200', referredReversed: '50', shortfall: '0' });
    expect(await balance(win, referrer)).toBe(-150);
    // The sale's pending points went with the return; the reward's 50 went with the reversal.
    expect(await balance(win, friend.body.id)).toBe(0);
  });

  it('under within_balance takes back what the balance holds and records the shortfall', async () => {
    const strict = await createTestScheme(h);
    const { outletId: strictOutlet } = await saleWorld(h, strict);
    await h.http.put(`/v1/schemes/${strict.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnWindowSeconds: 4, returnPolicy: 'within_balance' }).expect(200);
    const program = await referralProgram(h, strict, { referrerPointsAccrual: 200, referredPointsAccrual: 50 });
    const { customerId: referrer } = await customerWithPoints(h, strict, 0);
    const code = await referralCode(h, strict, program.id, referrer);
    const friend = await register(strict, { referralCode: code }).expect(201);
    const sale = await buy(strict, strictOutlet, friend.body.id, 20);
    await settled(strict, friend.body.id, 'QUALIFIED');
    const w = (await h.http.get(`/v1/customers/${referrer}`).set(strict.headers).expect(200)).body.wallets[0];
    await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/burn`).set(strict.headers).send({ amount: 150 }).expect(201);
    await h.http.post(`/v1/transactions/${sale.uniqueId}/returns/full`).set(strict.headers).send({}).expect(201);
    const reversed = await settled(strict, friend.body.id, 'REVERSED');
    expect(reversed.reversal).toMatchObject({ referrerReversed: '50', referredReversed: '50', shortfall: '150' });
    expect(await balance(strict, referrer)).toBe(0);
    expect(await verifyLedger(h.orm, strict.id)).toEqual([]);
  });

  it('partly returned, or after the window, keeps the rewards', async () => {
    const program = await referralProgram(h, win, { referrerPointsAccrual: 20, referredPointsAccrual: 5 });
    const { customerId: referrer } = await customerWithPoints(h, win, 0);
    const code = await referralCode(h, win, program.id, referrer);
    const friend = await register(win, { referralCode: code }).expect(201);
    const uniqueId = `sale-${randomUUID()}`;
    await h.http.post('/v1/transactions').set(win.headers).send({ customerId: friend.body.id, outletId: winOutlet, uniqueId, lineItems: [{ quantity: 2, sku: 'cup', unitPrice: 10 }] }).expect(201);
    await settled(win, friend.body.id, 'QUALIFIED');
    await h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(win.headers).send({ sku: 'cup', quantity: 1, uniqueId: `ret-${randomUUID()}` }).expect(201);
    const closed = await eventually(() => referralOf(win, friend.body.id), (r) => r.closedAt !== null, 15_000);
    expect(closed.status).toBe('QUALIFIED');
    // The window is over: returning the rest no longer reverses the referral.
    await h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(win.headers).send({ sku: 'cup', quantity: 1, uniqueId: `ret-${randomUUID()}` }).expect(201);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await referralOf(win, friend.body.id)).toMatchObject({ status: 'QUALIFIED', referrerPaid: '20' });
    expect(await balance(win, referrer)).toBe(20);
  });
});

describe('programme administration', () => {
  const admin = () => ({ Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id });
  it('creates, lists, reads and replaces programmes; refuses bad ones in the one error format', async () => {
    const p = await referralProgram(h, scheme, { name: 'Spring', tags: ['spring'] });
    const got = await h.http.get(`/v1/referral-programs/${p.id}`).set(admin()).expect(200);
    expect(got.body).toMatchObject({ name: 'Spring', maxReferralsPerMember: Number.MAX_SAFE_INTEGER, maxRedeemsPerReferredMemberPerCode: 1, qualifyWithinSeconds: 2592000, reverseOnReturn: true });
    const { id: _id, schemeId: _s, referredCount: _r, createdAt: _c, updatedAt: _u, ...body } = got.body;
    const put = await h.http.put(`/v1/referral-programs/${p.id}`).set(admin()).send({ ...body, active: false }).expect(200);
    expect(put.body.active).toBe(false);
    const list = await h.http.get('/v1/referral-programs').query({ limit: 25 }).set(admin()).expect(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toContain(p.id);

    const dup = await h.http.post('/v1/referral-programs').set(admin()).send({ ...body, code: p.code }).expect(409);
    expect(dup.body.error.code).toBe('conflict');
    const bad = await h.http.post('/v1/referral-programs').set(admin()).send({ ...body, code: 'OTHER1', eventType: 'member-created', minPurchaseMinor: 5 }).expect(400);
    expect(bad.body.error.details[0].path).toBe('body.minPurchaseMinor');
    // A scheme key is not an admin.
    await h.http.post('/v1/referral-programs').set(scheme.headers).send(body).expect(401);
    // Another scheme's programme does not exist for this one.
    const other = await createTestScheme(h);
    await h.http.get(`/v1/referral-programs/${p.id}`).set({ Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': other.id }).expect(404);
    await h.http.post(`/v1/referral-programs/${p.id}/codes`).set(other.headers).send({ customerId: randomUUID() }).expect(404);
  });
});

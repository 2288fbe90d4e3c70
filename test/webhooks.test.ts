import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { signWebhook } from '../domain/partners/webhook-signature';
import { verifyLedger } from '../db/ledger/verify';
import { createHarness, type Harness } from './support/harness';
import { eventually } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
import { saleWorld } from './fixtures/sales';

const LOYALTYPLUS = 'https://loyaltyplus.partner.test';
const OTHER = 'https://loyaltyplus-2.partner.test';

let h: Harness;
let scheme: TestScheme;
let outletId: string;
let admin: Record<string, string>;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  h = await createHarness();
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
  admin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
});
afterEach(async () => {
  nock.cleanAll();
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
});
afterAll(async () => {
  nock.enableNetConnect();
  await h.close();
});

async function connection(baseUrl = LOYALTYPLUS, events = ['sale']) {
  const res = await h.http.post('/v1/connections').set(admin).send({ partner: 'loyaltyplus', name: `lp-${randomUUID()}`, baseUrl, credentials: { apiKey: 'k', ownerToken: 'jwt' }, events }).expect(201);
  return res.body as { id: string; webhookSecret: string };
}

const newCustomer = async () => (await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body.id as string;

/** A hub customer the connection knows as `externalId` (as a first sync would have linked it). */
async function linkedCustomer(connectionId: string, externalId: string) {
  const id = await newCustomer();
  await h.repos.sync.setLink(connectionId, id, externalId);
  return id;
}

function deliver(c: { id: string; webhookSecret: string }, envelope: Record<string, unknown>, opts: { secret?: string; at?: number; header?: string | null; partner?: string } = {}) {
  const raw = JSON.stringify(envelope);
  const header = opts.header === undefined ? signWebhook(opts.secret ?? c.webhookSecret, opts.at ?? Math.floor(Date.now() / 1000), raw) : opts.header;
  const req = h.http.post(`/v1/webhooks/${opts.partner ?? 'loyaltyplus'}/${c.id}`).set('Content-Type', 'application/json');
  return (header === null ? req : req.set('X-Hub-Signature', header)).send(raw);
}

const event = (type: string, data: Record<string, unknown>) => ({ id: `evt-${randomUUID()}`, type, occurredAt: new Date().toISOString(), data });
const available = async (customerId: string) => Number((await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200)).body.ledgers[0].available);
const events = async (query: Record<string, string> = {}) => (await h.http.get('/v1/webhooks/events').query(query).set(admin).expect(200)).body.data as Array<Record<string, unknown>>;
const settledEvent = (eventId: string) =>
  eventually(
    async () => (await events()).find((e) => e.eventId === eventId),
    (e) => e !== undefined && e.status !== 'RECEIVED',
    20_000,
  );

describe('inbound webhook authenticity', () => {
  it('refuses missing, wrong, stale, tampered and misaddressed signatures with 401, recording nothing', async () => {
    const c = await connection();
    const e = event('points.awarded', { customerId: 'lp-x', pointsAwarded: 5 });
    const now = Math.floor(Date.now() / 1000);
    const raw = JSON.stringify(e);
    const refusals = [
      deliver(c, e, { header: null }),
      deliver(c, e, { header: 'garbage' }),
      deliver(c, e, { secret: 'whsec_wrong' }),
      deliver(c, e, { at: now - 600 }),
      deliver(c, e, { at: now + 600 }),
      deliver(c, e, { header: signWebhook(c.webhookSecret, now, raw.replace('5', '500')) }),
      deliver(c, e, { partner: 'coupontools' }),
      deliver({ ...c, id: randomUUID() }, e),
    ];
    for (const res of await Promise.all(refusals)) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    expect(await events({ connectionId: c.id })).toEqual([]);
  });

  it('a rotated secret replaces the old one at once', async () => {
    const c = await connection();
    const rotated = await h.http.post(`/v1/connections/${c.id}/webhook-secret`).set(admin).expect(201);
    expect(rotated.body.webhookSecret).toMatch(/^whsec_/);
    await deliver(c, event('reward.used', { userId: 'u' })).expect(401);
    await deliver({ ...c, webhookSecret: rotated.body.webhookSecret }, event('reward.used', { customerId: 'lp-1' })).expect(202);
  });
});

describe('applying partner events', () => {
  it('mints awarded points once: a redelivery and a replayed request answer 200 and change nothing', async () => {
    const c = await connection();
    const customerId = await linkedCustomer(c.id, 'lp-1');
    const e = event('points.awarded', { customerId: 'lp-1', pointsAwarded: 25, totalPoints: 25 });
    const raw = JSON.stringify(e);
    const header = signWebhook(c.webhookSecret, Math.floor(Date.now() / 1000), raw);
    const first = await h.http.post(`/v1/webhooks/loyaltyplus/${c.id}`).set('Content-Type', 'application/json').set('X-Hub-Signature', header).send(raw).expect(202);
    expect(first.body).toMatchObject({ status: 'ACCEPTED', workflowId: `webhook/${c.id}/${e.id}` });
    expect(await settledEvent(e.id)).toMatchObject({ status: 'APPLIED', outcome: { points: '25', customerId } });
    // The same request again (a replay inside the tolerance), and a fresh redelivery of the event.
    const replay = await h.http.post(`/v1/webhooks/loyaltyplus/${c.id}`).set('Content-Type', 'application/json').set('X-Hub-Signature', header).send(raw).expect(200);
    expect(replay.body).toMatchObject({ id: first.body.id, status: 'DUPLICATE' });
    await deliver(c, e).expect(200);
    expect(await available(customerId)).toBe(25);

    const minus = event('points.adjusted', { customerId: 'lp-1', adjustment: -10, reason: 'Refund for cancelled order' });
    await deliver(c, minus).expect(202);
    expect(await settledEvent(minus.id)).toMatchObject({ status: 'APPLIED' });
    expect(await available(customerId)).toBe(15);
    const tooMuch = event('points.adjusted', { customerId: 'lp-1', adjustment: -100 });
    await deliver(c, tooMuch).expect(202);
    expect(await settledEvent(tooMuch.id)).toMatchObject({ status: 'FAILED', outcome: { reason: expect.stringContaining('Insufficient points') } });
    expect(await available(customerId)).toBe(15);
    // Beyond what the ledger posts: FAILED at once with why, not RECEIVED and retrying.
    const huge = event('points.awarded', { customerId: 'lp-1', pointsAwarded: '999999999999999' });
    await deliver(c, huge).expect(202);
    expect(await settledEvent(huge.id)).toMatchObject({ status: 'FAILED', outcome: { reason: expect.stringContaining('outside what the ledger posts') } });
    expect(await available(customerId)).toBe(15);
  });

  it("ignores echoes of the hub's own sync, unknown customers and what the hub does not keep, with the reason", async () => {
    const c = await connection();
    const customerId = await linkedCustomer(c.id, 'lp-2');
    const customer = (await h.http.get(`/v1/customers/${customerId}`).set(scheme.headers).expect(200)).body;
    // A sale the hub forwarded with reason "Sale <uniqueId>" (MIRROR-style), echoed back by the partner.
    nock(LOYALTYPLUS).post('/v1/pos/checkin').reply(200, { success: true, customerId: 'lp-2', pointsAwarded: 10, totalPoints: 10 });
    const uniqueId = `echo-${randomUUID()}`;
    await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    await eventually(
      async () => (await h.http.get('/v1/sync').set(admin).expect(200)).body.data as Array<{ operationKey: string; status: string }>,
      (rs) => rs.some((r) => r.operationKey === uniqueId && r.status === 'SYNCED'),
      20_000,
    );
    const before = await available(customerId);
    const cases: Array<[Record<string, unknown>, string]> = [
      [event('points.adjusted', { customerId: 'lp-2', adjustment: 60, reason: `Sale ${uniqueId}` }), "echo of the hub's own sync"],
      [event('points.awarded', { customerId: 'lp-2', pointsAwarded: 5, origin: 'loyalty-hub' }), "echo of the hub's own sync"],
      [event('points.awarded', { customerId: 'lp-unknown', pointsAwarded: 5 }), 'no hub customer is linked to loyaltyplus customer lp-unknown'],
      [event('reward.used', { customerId: 'lp-2', reward_ids: [3] }), 'the hub keeps no partner rewards'],
    ];
    for (const [e, reason] of cases) {
      await deliver(c, e).expect(202);
      expect(await settledEvent(e.id as string)).toMatchObject({ status: 'IGNORED', outcome: { reason } });
    }
    expect(await available(customerId)).toBe(before);
    expect(customer.id).toBe(customerId);
    expect((await events({ status: 'IGNORED', connectionId: c.id })).length).toBe(4);
  });

  it('applies a partner customer change at the hub without syncing it back to that partner (no echo loop), but on to the others', async () => {
    // A customer both partners already know (registered before the connections, linked as a first sync would).
    const customerId = await newCustomer();
    const origin = await connection(LOYALTYPLUS, ['customer']);
    const other = await connection(OTHER, ['customer']);
    await h.repos.sync.setLink(origin.id, customerId, 'lp-9');
    await h.repos.sync.setLink(other.id, customerId, 'other-9');
    // Only the other connection hears about it.
    const forwarded = nock(OTHER).put('/v1/owner/customers/other-9', (b) => b.status === 'BLOCKED').reply(200, { success: true, customer: { id: 'other-9', status: 'BLOCKED' } });
    const e = event('customer.blocked', { id: 'lp-9', status: 'BLOCKED' });
    await deliver(origin, e).expect(202);
    expect(await settledEvent(e.id)).toMatchObject({ status: 'APPLIED', outcome: { customerId, changes: { status: 'BLOCKED' } } });
    expect((await h.http.get(`/v1/customers/${customerId}`).set(scheme.headers).expect(200)).body.status).toBe('BLOCKED');
    const syncs = await eventually(
      async () => (await h.http.get('/v1/sync').query({ connectionId: other.id }).set(admin).expect(200)).body.data as Array<{ status: string }>,
      (rs) => rs.length === 1 && rs[0]?.status === 'SYNCED',
      20_000,
    );
    expect(syncs).toHaveLength(1);
    expect(forwarded.isDone()).toBe(true);
    expect((await h.http.get('/v1/sync').query({ connectionId: origin.id }).set(admin).expect(200)).body.data).toEqual([]);
  });

  it('registers a customer the partner created, once, linked, and not synced back to that partner', async () => {
    const origin = await connection(LOYALTYPLUS, ['customer']);
    const phone = `+3538${String(Date.now()).slice(-8)}`;
    const e = event('customer.created', { id: 'lp-new-1', name: 'Grace Hopper', phone, status: 'ACTIVE' });
    await deliver(origin, e).expect(202);
    const applied = await settledEvent(e.id);
    expect(applied).toMatchObject({ status: 'APPLIED', outcome: { registered: true } });
    const customerId = (applied?.outcome as { customerId: string }).customerId;
    expect((await h.http.get(`/v1/customers/${customerId}`).set(scheme.headers).expect(200)).body).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', phone });
    expect(await h.repos.sync.link(origin.id, customerId)).toBe('lp-new-1');
    await deliver(origin, e).expect(200);
    expect((await h.http.get('/v1/customers').query({ phone }).set(scheme.headers).expect(200)).body.data).toHaveLength(1);
    expect((await h.http.get('/v1/sync').query({ connectionId: origin.id }).set(admin).expect(200)).body.data).toEqual([]);
  });
});

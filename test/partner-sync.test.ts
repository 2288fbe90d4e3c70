import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { createHarness, type Harness } from './support/harness';
import { eventually } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
import { saleWorld } from './fixtures/sales';

const LOYALE = 'https://loyale.partner.test';
const LOYALTYPLUS = 'https://loyaltyplus.partner.test';
const COUPONTOOLS = 'https://coupontools.partner.test/v4';

let h: Harness;
let admin: Record<string, string>;

beforeAll(async () => {
  // Partners are faked; the hub's own API (supertest) stays on loopback.
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  h = await createHarness();
  admin = { Authorization: `Bearer ${h.adminToken}` };
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await h.close();
});

async function world() {
  const scheme = await createTestScheme(h);
  const { outletId } = await saleWorld(h, scheme);
  return { scheme, outletId, headers: { ...admin, 'X-Scheme': scheme.id } };
}

async function connect(w: { headers: Record<string, string> }, body: Record<string, unknown>) {
  return (await h.http.post('/v1/connections').set(w.headers).send({ name: `c-${randomUUID()}`, events: ['sale', 'return'], ...body }).expect(201)).body as { id: string };
}

async function newCustomer(scheme: TestScheme) {
  const c = await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201);
  return c.body as { id: string; barcode: string; phone: string };
}

async function records(w: { headers: Record<string, string> }, query: Record<string, string> = {}) {
  return (await h.http.get('/v1/sync').query(query).set(w.headers).expect(200)).body.data as Array<Record<string, unknown>>;
}

const settled = (w: { headers: Record<string, string> }, n: number, query: Record<string, string> = {}) =>
  eventually(
    () => records(w, query),
    (rs) => rs.length >= n && rs.every((r) => r.status !== 'PENDING'),
    20_000,
  );

describe('connections', () => {
  it('stores credentials sealed and never returns them; admin only', async () => {
    const w = await world();
    const c = await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_secret_key', ownerToken: 'jwt.secret.token' } });
    const got = await h.http.get(`/v1/connections/${c.id}`).set(w.headers).expect(200);
    expect(got.body).toMatchObject({ partner: 'loyaltyplus', credentialFields: ['apiKey', 'ownerToken'], enabled: true, retryHorizonSeconds: 86400 });
    expect(JSON.stringify(got.body)).not.toContain('secret');
    const [row] = await h.orm.em.fork().getConnection().execute('select credentials_sealed from connections where id = ?', [c.id]);
    expect(String(row?.credentials_sealed)).not.toContain('secret');
    await h.http.get('/v1/connections').set(w.scheme.headers).expect(401);
    // Another scheme (same admin token, other X-Scheme) sees none of it.
    const other = await world();
    await h.http.get(`/v1/connections/${c.id}`).set(other.headers).expect(404);
    await h.http.put(`/v1/connections/${c.id}`).set(other.headers).send({ name: 'x', baseUrl: LOYALTYPLUS }).expect(404);
    await h.http.delete(`/v1/connections/${c.id}`).set(other.headers).expect(404);
    expect((await h.http.get('/v1/connections').set(other.headers).expect(200)).body.data).toEqual([]);
    await h.http.post('/v1/connections').set(w.headers).send({ partner: 'loyale', name: 'x', baseUrl: LOYALE, credentials: { apiKey: 'only-half' } }).expect(400);
    await h.http.put(`/v1/connections/${c.id}`).set(w.headers).send({ name: 'renamed', baseUrl: LOYALTYPLUS, enabled: false }).expect(200);
    expect((await h.http.get('/v1/connections').set(w.headers).expect(200)).body.data).toEqual([expect.objectContaining({ name: 'renamed', enabled: false, credentialFields: ['apiKey', 'ownerToken'] })]);
    await h.http.delete(`/v1/connections/${c.id}`).set(w.headers).expect(204);
    await h.http.get(`/v1/connections/${c.id}`).set(w.headers).expect(404);
  });
});

describe('durable sync', () => {
  it('a sale syncs to Loyale, Loyalty+ and Coupontools; the sale answers without waiting for them', async () => {
    const w = await world();
    const loyaleOutlet = randomUUID();
    await connect(w, { partner: 'loyale', baseUrl: LOYALE, credentials: { scheme: 'loyale-scheme', apiKey: 'loyale-key' }, options: { defaultOutletId: loyaleOutlet } });
    await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_key' }, options: { mode: 'SPEND' } });
    await connect(w, { partner: 'coupontools', baseUrl: COUPONTOOLS, credentials: { clientId: 'cid', clientSecret: 'csecret' }, options: { loyaltyCardId: 'card-1' } });
    const customer = await newCustomer(w.scheme);
    const uniqueId = `sync-${randomUUID()}`;

    const loyale = nock(LOYALE, { reqheaders: { 'x-scheme': 'loyale-scheme', 'x-apikey': 'loyale-key' } })
      .post('/api/Transaction', (b) => b.uniqueId === uniqueId && b.customerBarcode === customer.barcode && b.outletId === loyaleOutlet && b.customerId === undefined && b.lineItems[0].sku === 'sku-001')
      .reply(200, { customerId: 'loyale-c', status: 'COMPLETED', uniqueId, pointsEarned: 150 });
    const loyaltyplus = nock(LOYALTYPLUS, { reqheaders: { 'x-api-key': 'loy_key' } })
      .post('/v1/pos/checkin', { phone: customer.phone, amount: 25 })
      .reply(200, { success: true, customerId: 'lp-1', pointsAwarded: 25, totalPoints: 25, rewardThreshold: 100, rewardAvailable: false });
    const coupontools = nock(COUPONTOOLS, { reqheaders: { 'x-client-id': 'cid', 'x-client-secret': 'csecret' } })
      .post('/loyalty/loyalty-cards/card-1/stats', (b) => b.custom_1 === customer.id && b.phone === customer.phone)
      .reply(200, { id: 'ct-user-1' })
      .post('/loyalty/loyalty-cards/card-1/stats/ct-user-1', { amount: 1 })
      .reply(200, { success: true });

    const sale = await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerId: customer.id, outletId: w.outletId, uniqueId, lineItems: [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }] }).expect(201);
    expect(sale.body.pointsEarned).toBe('150');

    const rs = await settled(w, 3);
    expect(rs.map((r) => [r.partner, r.kind, r.operationKey, r.status, r.attempts]).sort()).toEqual([
      ['coupontools', 'sale', uniqueId, 'SYNCED', 1],
      ['loyale', 'sale', uniqueId, 'SYNCED', 1],
      ['loyaltyplus', 'sale', uniqueId, 'SYNCED', 1],
    ]);
    expect(loyale.isDone() && loyaltyplus.isDone() && coupontools.isDone()).toBe(true);
    expect(rs[0]?.workflowId).toMatch(/^sync\/[0-9a-f-]+\/sale\//);
    // The learnt card user is reused by the next sale (no second create).
    const next = nock(COUPONTOOLS).post('/loyalty/loyalty-cards/card-1/stats/ct-user-1', { amount: 1 }).reply(200, {});
    nock(LOYALE).post('/api/Transaction').reply(200, {});
    nock(LOYALTYPLUS).post('/v1/pos/checkin').reply(200, { success: true, customerId: 'lp-1', pointsAwarded: 5, totalPoints: 30 });
    await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerId: customer.id, outletId: w.outletId, lineItems: [{ quantity: 1, unitPrice: 5 }] }).expect(201);
    await settled(w, 6);
    expect(next.isDone()).toBe(true);
  });

  it('a partner down for a while, then up: synced once', async () => {
    const w = await world();
    await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_key' } });
    const customer = await newCustomer(w.scheme);
    const scope = nock(LOYALTYPLUS).post('/v1/pos/checkin').times(2).reply(503, { error: 'maintenance' }).post('/v1/pos/checkin').reply(200, { success: true, customerId: 'lp', pointsAwarded: 10, totalPoints: 10 });
    await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerId: customer.id, outletId: w.outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    const [r] = await settled(w, 1);
    expect(r).toMatchObject({ status: 'SYNCED', attempts: 3, lastError: expect.stringContaining('503') });
    expect(scope.isDone()).toBe(true);
  });

  it('a 400 fails at once with the partner message (no retry storm); manual retry re-runs it', async () => {
    const w = await world();
    await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_key' } });
    const customer = await newCustomer(w.scheme);
    nock(LOYALTYPLUS).post('/v1/pos/checkin').reply(400, { error: 'Unknown store' });
    await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerId: customer.id, outletId: w.outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    const [failed] = await settled(w, 1);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, lastError: expect.stringContaining('Unknown store'), detail: { reason: 'rejected by the partner' } });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await records(w))[0]).toMatchObject({ attempts: 1 });
    expect((await records(w, { status: 'FAILED' })).map((r) => r.id)).toEqual([failed?.id]);

    const again = nock(LOYALTYPLUS).post('/v1/pos/checkin').reply(200, { success: true, customerId: 'lp', pointsAwarded: 10, totalPoints: 10 });
    const retried = await h.http.post(`/v1/sync/${failed?.id}/retry`).set(w.headers).expect(202);
    expect(retried.body.workflowId).toMatch(/\/retry-1$/);
    const [done] = await settled(w, 1);
    expect(done).toMatchObject({ status: 'SYNCED', attempts: 1 });
    expect(again.isDone()).toBe(true);
    await h.http.post(`/v1/sync/${failed?.id}/retry`).set(w.headers).expect(409);
    const other = await world();
    await h.http.get(`/v1/sync/${failed?.id}`).set(other.headers).expect(404);
    await h.http.post(`/v1/sync/${failed?.id}/retry`).set(other.headers).expect(404);
    expect(await records(other)).toEqual([]);
  });

  it("a 429 waits the partner's Retry-After before the next attempt", async () => {
    const w = await world();
    await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_key' } });
    const customer = await newCustomer(w.scheme);
    const at: number[] = [];
    nock(LOYALTYPLUS)
      .post('/v1/pos/checkin')
      .reply(() => {
        at.push(Date.now());
        return [429, { error: 'slow down' }, { 'Retry-After': '3' }];
      })
      .post('/v1/pos/checkin')
      .reply(() => {
        at.push(Date.now());
        return [200, { success: true, customerId: 'lp', pointsAwarded: 10, totalPoints: 10 }];
      });
    await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerId: customer.id, outletId: w.outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    const [r] = await settled(w, 1);
    expect(r).toMatchObject({ status: 'SYNCED', attempts: 2 });
    // The default first retry is after 1 s; the partner asked for 3.
    expect((at[1] as number) - (at[0] as number)).toBeGreaterThanOrEqual(2900);
  });

  it('gives up at the connection horizon and marks the sync FAILED', async () => {
    const w = await world();
    await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_key' }, retryHorizonSeconds: 5 });
    const customer = await newCustomer(w.scheme);
    nock(LOYALTYPLUS).post('/v1/pos/checkin').times(20).reply(502, 'bad gateway');
    await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerId: customer.id, outletId: w.outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    const [r] = await settled(w, 1);
    expect(r).toMatchObject({ status: 'FAILED', detail: { reason: 'gave up after the retry horizon (5 s)' }, lastError: expect.stringContaining('502') });
    expect(r?.attempts as number).toBeGreaterThanOrEqual(2);
  });

  it('keeps a customer\'s order: the return is not sent before its sale, even when the sale needed retries', async () => {
    const w = await world();
    await connect(w, { partner: 'loyale', baseUrl: LOYALE, credentials: { scheme: 's', apiKey: 'k' }, options: { defaultOutletId: randomUUID() } });
    const customer = await newCustomer(w.scheme);
    const uniqueId = `ord-${randomUUID()}`;
    const calls: string[] = [];
    nock(LOYALE)
      .post('/api/Transaction')
      .times(2)
      .reply(() => {
        calls.push('sale:503');
        return [503, { error: 'busy' }];
      })
      .post('/api/Transaction')
      .reply(() => {
        calls.push('sale:200');
        return [200, { uniqueId }];
      })
      .post(`/api/Transaction/Return/Full/${uniqueId}`)
      .reply(() => {
        calls.push('return:200');
        return [200, { pointsDeducted: 150 }];
      });
    await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerId: customer.id, outletId: w.outletId, uniqueId, lineItems: [{ quantity: 5, sku: 'a', unitPrice: 5 }] }).expect(201);
    await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(w.scheme.headers).expect(201);
    const rs = await settled(w, 2);
    expect(rs.map((r) => [r.kind, r.status])).toEqual([
      ['return', 'SYNCED'],
      ['sale', 'SYNCED'],
    ]);
    expect(calls).toEqual(['sale:503', 'sale:503', 'sale:200', 'return:200']);
  });

  it('points operations (an adjustment, a Loyale top-up, a Loyalty+ redemption) sync once each as adjustments and are ledger-transaction events', async () => {
    const w = await world();
    await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_key', ownerToken: 'jwt' }, events: ['adjustment'] });
    const customer = await newCustomer(w.scheme);
    nock(LOYALTYPLUS).get(`/v1/pos/customer/${encodeURIComponent(customer.phone)}`).reply(200, { customerId: 'lp-5', name: 'Ada', phone: customer.phone, totalPoints: 0 }).persist();
    const owner = nock(LOYALTYPLUS, { reqheaders: { authorization: 'Bearer jwt' } })
      .post('/v1/owner/customers/lp-5/points', { points: 100, reason: 'Goodwill' })
      .reply(200, { success: true, newBalance: 100 })
      .post('/v1/owner/customers/lp-5/points', { points: 20, reason: 'Welcome bonus' })
      .reply(200, { success: true, newBalance: 120 })
      .post('/v1/owner/customers/lp-5/points', (b) => b.points === -30)
      .reply(200, { success: true, newBalance: 90 });

    const adjustment = { points: 100, reason: 'Goodwill', uniqueId: `crm-${randomUUID()}` };
    const topUp = { customerId: customer.id, uniqueId: `t-${randomUUID()}`, points: 20, description: 'Welcome bonus' };
    // Each sent twice: the repeat replays the posting and records nothing more.
    for (let i = 0; i < 2; i++) {
      await h.http.post(`/v1/customers/${customer.id}/adjustments`).set(w.scheme.headers).send(adjustment).expect(201);
      await settled(w, 1);
      await h.http.post('/api/ExternalPos/TopUp').set(w.scheme.headers).send(topUp).expect(201);
      await settled(w, 2);
      await h.http.post('/v1/pos/redeem').set({ 'X-API-Key': w.scheme.apiKey, 'Idempotency-Key': `redeem-${customer.id}` }).send({ customerId: customer.id, points: 30 }).expect(200);
    }
    const rs = await settled(w, 3);
    expect(rs.map((r) => [r.kind, r.status, r.attempts])).toEqual(Array(3).fill(['adjustment', 'SYNCED', 1]));
    expect(owner.isDone()).toBe(true);

    const events = (await h.http.get(`/v1/customers/${customer.id}/events`).query({ eventType: 'ledger-transaction-created' }).set(w.scheme.headers).expect(200)).body.data as Array<{ payload: Record<string, unknown> }>;
    expect(events.map((e) => [e.payload.code, e.payload.points, e.payload.reason]).sort()).toEqual([
      ['adjustment', '100', 'Goodwill'],
      ['redeem', '-30', expect.any(String)],
      ['topup', '20', 'Welcome bonus'],
    ].sort());
  });

  it("an owner's delete erases the person from the hub's copies too: sale requests, events, sync payloads, partner webhooks", async () => {
    const w = await world();
    const c = await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_key', ownerToken: 'jwt' }, events: ['customer', 'sale'] });
    nock(LOYALTYPLUS).post('/v1/owner/customers').reply(201, { success: true, customer: { id: 'lp-e', name: 'x', phone: 'x', totalPoints: 0 } }).persist();
    nock(LOYALTYPLUS).put('/v1/owner/customers/lp-e').reply(200, { success: true, customer: { id: 'lp-e' } }).persist();
    nock(LOYALTYPLUS).post('/v1/pos/checkin').reply(200, { success: true, customerId: 'lp-e', pointsAwarded: 1, totalPoints: 1 }).persist();
    const customer = (await h.http.post('/v1/customers').set(w.scheme.headers).send(customerBody({ firstName: 'Grace', lastName: 'Hopper', email: `grace-${randomUUID()}@example.com` })).expect(201)).body;
    await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerBarcode: customer.barcode, outletId: w.outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    const other = await newCustomer(w.scheme);
    await h.http.post('/v1/transactions').set(w.scheme.headers).send({ customerBarcode: other.barcode, outletId: w.outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    await settled(w, 4);
    const sql = (text: string, params: unknown[]) => h.orm.em.fork().getConnection().execute(text, params);
    await sql(`insert into webhook_events (id, scheme_id, connection_id, event_id, type, occurred_at, data, status, workflow_id, received_at, updated_at)
               values (?, ?, ?, ?, 'customer.updated', now(), ?::jsonb, 'APPLIED', 'x', now(), now())`,
      [randomUUID(), w.scheme.id, c.id, randomUUID(), JSON.stringify({ customer: { phone: customer.phone, email: customer.email, name: 'Grace Hopper' }, other: other.phone })]);
    /** Rows of the scheme's copies that mention `value` anywhere. */
    const mentions = async (value: string) => {
      let n = 0;
      for (const [table, text] of [['sales', "request::text || result::text"], ['hub_events', 'payload::text'], ['sync_records', 'payload::text'], ['webhook_events', 'data::text']]) {
        n += Number(((await sql(`select count(*) as n from ${table} where scheme_id = ? and strpos(${text}, ?) > 0`, [w.scheme.id, value])) as Array<{ n: string }>)[0]?.n);
      }
      return n;
    };
    for (const value of [customer.barcode, customer.phone, customer.email, 'Hopper']) expect(await mentions(value)).toBeGreaterThan(0);
    const before = await mentions(other.phone);

    const owner = (await h.http.post(`/v1/schemes/${w.scheme.id}/api-keys`).set(admin).send({ name: 'owner', role: 'owner' }).expect(201)).body.key as string;
    await h.http.delete(`/v1/owner/customers/${customer.id}`).set({ Authorization: `Bearer ${owner}` }).expect(200);
    for (const value of [customer.barcode, customer.phone, customer.email, 'Hopper']) expect([value, await mentions(value)]).toEqual([value, 0]);
    expect(await mentions(`erased-${customer.id}`)).toBeGreaterThan(0);
    // Another customer's copies, and the webhook's mention of them, are untouched; the ledger still verifies.
    expect(await mentions(other.phone)).toBe(before);
    expect((await h.http.get('/v1/ledger/verify').query({ schemeId: w.scheme.id }).set(admin).expect(200)).body).toEqual({ ok: true, violations: [] });
  });

  it('syncs customers to Loyalty+ and uses the learnt id afterwards; a scheme without connections dispatches nothing', async () => {
    const w = await world();
    await connect(w, { partner: 'loyaltyplus', baseUrl: LOYALTYPLUS, credentials: { apiKey: 'loy_key', ownerToken: 'jwt' }, events: ['customer', 'sale'] });
    const body = customerBody();
    nock(LOYALTYPLUS, { reqheaders: { authorization: 'Bearer jwt' } })
      .post('/v1/owner/customers', (b) => b.phone === body.phone && b.name === 'Ada Lovelace')
      .reply(201, { success: true, customer: { id: 'lp-77', name: 'Ada Lovelace', phone: body.phone, totalPoints: 0 } });
    const c = await h.http.post('/v1/customers').set(w.scheme.headers).send(body).expect(201);
    await settled(w, 1);
    nock(LOYALTYPLUS, { reqheaders: { authorization: 'Bearer jwt' } })
      .put('/v1/owner/customers/lp-77', (b) => b.status === 'BLOCKED')
      .reply(200, { success: true, customer: { id: 'lp-77', name: 'Ada Lovelace', status: 'BLOCKED' } });
    await h.http.put(`/v1/customers/${c.body.id}`).set(w.scheme.headers).send({ status: 'BLOCKED' }).expect(200);
    const rs = await settled(w, 2);
    expect(rs.map((r) => [r.kind, r.status])).toEqual([
      ['customer', 'SYNCED'],
      ['customer', 'SYNCED'],
    ]);

    const quiet = await world();
    const customer = await newCustomer(quiet.scheme);
    await h.http.post('/v1/transactions').set(quiet.scheme.headers).send({ customerId: customer.id, outletId: quiet.outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    expect(await records(quiet)).toEqual([]);
  });
});

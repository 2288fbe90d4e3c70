import { randomUUID } from 'node:crypto';
import { storm } from './support/storm';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { conformsTo } from './support/seed-examples';
import * as lp from './support/seed-examples-loyaltyplus';

/**
 * Loyalty+'s owner API (seed 001 "Customer Management") against the hub: the
 * seed's story with its own numbers (John Doe created with 50 points, a -50
 * refund leaving 75, Jane Doe blocked, the delete that erases), each answer
 * with the seed's JSON types, exactly-once storms without a unique id, and the
 * owner bearer: an owner-role key, never a till's.
 */
let h: Harness;
let admin: { Authorization: string };

interface OwnerScheme extends TestScheme {
  owner: { Authorization: string };
}

/** A scheme with a till key (its TestScheme key) and an owner-role key. */
async function ownerScheme(): Promise<OwnerScheme> {
  const s = await createTestScheme(h);
  const key = (await h.http.post(`/v1/schemes/${s.id}/api-keys`).set(admin).send({ name: 'owner portal', role: 'owner' }).expect(201)).body;
  expect(key.role).toBe('owner');
  return { ...s, owner: { Authorization: `Bearer ${key.key}` } };
}

const phone = () => `+3538${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const count = async (sql: string, params: unknown[]) => Number(((await h.orm.em.getConnection().execute(sql, params)) as Array<{ n: string }>)[0]?.n);
/** Adjustment transfers touching the customer's wallets (mints credit it, burns debit it). */
const adjustmentsOf = (id: string) =>
  count(`select count(*) as n from transfers t join wallets w on w.id in (t.credit_wallet_id, t.debit_wallet_id) where w.customer_id = ? and t.code = 'adjustment'`, [id]);
const balance = async (s: TestScheme, id: string) => Number((await h.http.get(`/v1/customers/${id}/balance`).set(s.headers).expect(200)).body.ledgers[0].available);
const lpError = (code: string) => ({ success: false, error: expect.any(String), code, requestId: expect.any(String) });

beforeAll(async () => {
  h = await createHarness();
  admin = { Authorization: `Bearer ${h.adminToken}` };
}, 60_000);
afterAll(() => h.close());

describe('the seed story', () => {
  let s: OwnerScheme;
  let john: string;
  beforeAll(async () => {
    s = await ownerScheme();
  });

  it('creates John Doe with 50 initial points, posted once as an adjustment "Initial points"', async () => {
    const res = await h.http.post('/v1/owner/customers').set(s.owner).send(lp.ownerCreate).expect(201);
    john = res.body.customer.id;
    expect(res.body).toEqual({ success: true, customer: { id: john, name: 'John Doe', phone: '+353123456789', totalPoints: 50 } });
    expect(conformsTo(lp.ownerCreateResponse, res.body)).toEqual([]);
    const hub = (await h.http.get(`/v1/customers/${john}`).set(s.headers).expect(200)).body;
    expect(hub).toMatchObject({ firstName: 'John', lastName: 'Doe', phone: '+353123456789', status: 'ACTIVE' });
    expect(await count('select count(*) as n from customers where id = ? and notes = ?', [john, 'VIP customer'])).toBe(1);
    expect(await adjustmentsOf(john)).toBe(1);
  });

  it('adds and deducts points with a reason: -50 "Refund for cancelled order" from 125 leaves 75', async () => {
    await h.http.post(`/v1/owner/customers/${john}/points`).set(s.owner).send({ points: 75, reason: 'Visit' }).expect(200, { success: true, newBalance: 125, adjustment: 75 });
    const res = await h.http.post(`/v1/owner/customers/${john}/points`).set(s.owner).send(lp.ownerPoints).expect(200);
    expect(res.body).toEqual(lp.ownerPointsResponse);
    expect(await balance(s, john)).toBe(75);
  });

  it('refuses a deduction below zero with 422 in the Loyalty+ shape, moving nothing', async () => {
    const res = await h.http.post(`/v1/owner/customers/${john}/points`).set(s.owner).send({ points: -76, reason: 'Too much' }).expect(422);
    expect(res.body).toMatchObject(lpError('business_rule_violated'));
    expect(await balance(s, john)).toBe(75);
    const zero = await h.http.post(`/v1/owner/customers/${john}/points`).set(s.owner).send({ points: 0, reason: 'Nothing' }).expect(400);
    expect(zero.body).toMatchObject({ ...lpError('validation_failed'), details: [{ path: 'body.points', message: 'must not be 0' }] });
  });

  it('lists customers a page at a time with the total, searched, filtered and sorted', async () => {
    const other = (await h.http.post('/v1/owner/customers').set(s.owner).send({ name: 'Ann Lee', phone: phone() }).expect(201)).body.customer;
    const res = await h.http.get('/v1/owner/customers').set(s.owner).query({ page: 1, limit: 20 }).expect(200);
    expect(res.body.pagination).toEqual({ page: 1, limit: 20, total: 2 });
    expect(conformsTo(lp.ownerListResponse, res.body)).toEqual([]);
    // Newest first by default.
    expect(res.body.customers).toEqual([
      { id: other.id, name: 'Ann Lee', phone: other.phone, status: 'ACTIVE', totalPoints: 0 },
      { id: john, name: 'John Doe', phone: '+353123456789', status: 'ACTIVE', totalPoints: 75 },
    ]);
    const byPoints = await h.http.get('/v1/owner/customers').set(s.owner).query({ sortBy: 'totalPoints', sortOrder: 'asc', limit: 1, page: 2 }).expect(200);
    expect(byPoints.body).toEqual({ customers: [expect.objectContaining({ id: john })], pagination: { page: 2, limit: 1, total: 2 } });
    const searched = await h.http.get('/v1/owner/customers').set(s.owner).query({ search: 'john d' }).expect(200);
    expect(searched.body.customers.map((c: { id: string }) => c.id)).toEqual([john]);
    expect((await h.http.get('/v1/owner/customers').set(s.owner).query({ search: '%' }).expect(200)).body.pagination.total).toBe(0);
    expect((await h.http.get('/v1/owner/customers').set(s.owner).query({ statusFilter: 'BLOCKED' }).expect(200)).body.pagination.total).toBe(0);
    const deep = await h.http.get('/v1/owner/customers').set(s.owner).query({ page: 101, limit: 100 }).expect(400);
    expect(deep.body).toMatchObject({ ...lpError('validation_failed'), details: [{ path: 'query.page', message: expect.stringContaining('10000') }] });
  });

  it('shows the customer with their points history, the reasons as posted', async () => {
    const res = await h.http.get(`/v1/owner/customers/${john}`).set(s.owner).expect(200);
    expect(conformsTo(lp.ownerDetailsResponse, res.body)).toEqual([]);
    expect(res.body.customer).toEqual({ id: john, name: 'John Doe', phone: '+353123456789', status: 'ACTIVE' });
    expect(res.body.totalPoints).toBe(75);
    expect(res.body.pointsHistory.map((l: { delta: number; reason: string }) => [l.delta, l.reason])).toEqual([
      [-50, 'Refund for cancelled order'],
      [75, 'Visit'],
      [50, 'Initial points'],
    ]);
    expect(res.body.pointsHistory[0].at).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  });

  it('updates John to Jane Doe, blocked, through the customer update workflow', async () => {
    const res = await h.http.put(`/v1/owner/customers/${john}`).set(s.owner).send(lp.ownerUpdate).expect(200);
    expect(res.body).toEqual({ success: true, customer: { id: john, name: 'Jane Doe', status: 'BLOCKED' } });
    expect(conformsTo(lp.ownerUpdateResponse, res.body)).toEqual([]);
    expect((await h.http.get(`/v1/customers/${john}`).set(s.headers).expect(200)).body).toMatchObject({ firstName: 'Jane', lastName: 'Doe', phone: '+353987654321', status: 'BLOCKED' });
    // Blocked: no points move.
    expect((await h.http.post(`/v1/owner/customers/${john}/points`).set(s.owner).send({ points: 5, reason: 'x' }).expect(422)).body).toMatchObject(lpError('business_rule_violated'));
    await h.http.put(`/v1/owner/customers/${john}`).set(s.owner).send({}).expect(400);
  });

  it('"deletes" by erasing: personal data gone, then 404; the ledger kept and still verified', async () => {
    const res = await h.http.delete(`/v1/owner/customers/${john}`).set(s.owner).expect(200);
    expect(res.body).toEqual(lp.ownerDeleteResponse);
    expect((await h.http.delete(`/v1/owner/customers/${john}`).set(s.owner).expect(404)).body).toEqual(lpError('not_found'));
    await h.http.get(`/v1/owner/customers/${john}`).set(s.owner).expect(404);
    await h.http.put(`/v1/owner/customers/${john}`).set(s.owner).send({ status: 'ACTIVE' }).expect(404);
    await h.http.post(`/v1/owner/customers/${john}/points`).set(s.owner).send({ points: 5, reason: 'x' }).expect(404);
    expect((await h.http.get('/v1/owner/customers').set(s.owner).expect(200)).body.pagination.total).toBe(1);
    // The hub keeps the row, emptied and blocked, with its ledger; edits through the hub's own API are refused too.
    const hub = (await h.http.get(`/v1/customers/${john}`).set(s.headers).expect(200)).body;
    expect(hub).toMatchObject({ firstName: null, lastName: null, email: null, phone: null, barcode: `erased-${john}`, status: 'BLOCKED' });
    expect(await count('select count(*) as n from customers where id = ? and notes is null and erased_at is not null', [john])).toBe(1);
    await h.http.put(`/v1/customers/${john}`).set(s.headers).send({ status: 'ACTIVE' }).expect(404);
    expect(await balance(s, john)).toBe(75);
    expect((await h.http.get(`/v1/customers/${john}/points-history`).set(s.headers).expect(200)).body.data).toHaveLength(3);
    const verify = await h.http.get('/v1/ledger/verify').query({ schemeId: s.id }).set(admin).expect(200);
    expect(verify.body).toEqual({ ok: true, violations: [] });
    // The first create repeated (inside the window it joins that create): the erased customer is not answered back.
    const repeated = await h.http.post('/v1/owner/customers').set(s.owner).send(lp.ownerCreate).expect(404);
    expect(JSON.stringify(repeated.body)).not.toContain('John');
    // The phone is free again.
    await h.http.post('/v1/owner/customers').set(s.owner).send({ name: 'Jane Doe', phone: '+353987654321' }).expect(201);
  });
});

describe('exactly once without a unique id', () => {
  let s: OwnerScheme;
  beforeAll(async () => {
    s = await ownerScheme();
  });

  it('creates one customer, with its initial points once, for 20 identical creates', async () => {
    const body = { name: 'Storm Create', phone: phone(), initialPoints: 30 };
    const results = await storm(20, () => h.http.post('/v1/owner/customers').set(s.owner).send(body).then((r) => r));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.customer.id)).size).toBe(1);
    const id = results[0]?.body.customer.id as string;
    expect(await count('select count(*) as n from customers where scheme_id = ? and phone = ?', [s.id, body.phone])).toBe(1);
    expect(await adjustmentsOf(id)).toBe(1);
    expect(await balance(s, id)).toBe(30);
  });

  it('creates once per Idempotency-Key; the key with another body is 409', async () => {
    const key = `portal-${randomUUID()}`;
    const body = { name: 'Keyed Create', phone: phone(), initialPoints: 10 };
    const results = await storm(20, () => h.http.post('/v1/owner/customers').set(s.owner).set('Idempotency-Key', key).send(body).then((r) => r));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const id = results[0]?.body.customer.id as string;
    expect(new Set(results.map((r) => r.body.customer.id))).toEqual(new Set([id]));
    expect(await balance(s, id)).toBe(10);
    expect((await h.http.post('/v1/owner/customers').set(s.owner).set('Idempotency-Key', key).send({ ...body, initialPoints: 11 }).expect(409)).body).toEqual(lpError('idempotency_key_reused'));
  });

  it('posts one adjustment for 20 identical point requests, and one per Idempotency-Key', async () => {
    const id = (await h.http.post('/v1/owner/customers').set(s.owner).send({ name: 'Storm Points', phone: phone() }).expect(201)).body.customer.id as string;
    const results = await storm(20, () => h.http.post(`/v1/owner/customers/${id}/points`).set(s.owner).send({ points: 40, reason: 'Goodwill' }).then((r) => r));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => JSON.stringify(r.body)))).toEqual(new Set([JSON.stringify({ success: true, newBalance: 40, adjustment: 40 })]));
    expect(await adjustmentsOf(id)).toBe(1);
    const key = `portal-${randomUUID()}`;
    await storm(5, () => h.http.post(`/v1/owner/customers/${id}/points`).set(s.owner).set('Idempotency-Key', key).send({ points: -15, reason: 'Refund' }).expect(200));
    expect(await adjustmentsOf(id)).toBe(2);
    expect(await balance(s, id)).toBe(25);
  });
});

describe('the owner bearer', () => {
  let s: OwnerScheme;
  beforeAll(async () => {
    s = await ownerScheme();
  });

  it("refuses no bearer, a wrong one, a till's key, the admin token and X-API-Key with 401 in the Loyalty+ shape", async () => {
    const refusals = [{}, { Authorization: 'Bearer lhk_wrong' }, { Authorization: `Bearer ${s.apiKey}` }, admin, { 'X-API-Key': s.apiKey }];
    for (const headers of refusals) {
      const res = await h.http.post('/v1/owner/customers').set(headers).send(lp.ownerCreate).expect(401);
      expect(res.body).toEqual(lpError('unauthorized'));
      expect(res.body.error).toMatch(/Send Authorization: Bearer <a scheme API key issued with role owner>$/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="loyalty-hub"');
    }
    await h.http.get('/v1/owner/customers').set({ Authorization: `Bearer ${s.apiKey}` }).expect(401);
    expect(await count('select count(*) as n from customers where scheme_id = ?', [s.id])).toBe(0);
  });

  it('shows each key its role, and stops a revoked owner key', async () => {
    const keys = (await h.http.get(`/v1/schemes/${s.id}/api-keys`).set(admin).expect(200)).body.data as Array<{ id: string; role: string }>;
    expect(keys.map((k) => k.role).sort()).toEqual(['owner', 'pos']);
    const issued = (await h.http.post(`/v1/schemes/${s.id}/api-keys`).set(admin).send({ role: 'owner' }).expect(201)).body;
    await h.http.get('/v1/owner/customers').set({ Authorization: `Bearer ${issued.key}` }).expect(200);
    await h.http.delete(`/v1/schemes/${s.id}/api-keys/${issued.id}`).set(admin).expect(200);
    await h.http.get('/v1/owner/customers').set({ Authorization: `Bearer ${issued.key}` }).expect(401);
    await h.http.post(`/v1/schemes/${s.id}/api-keys`).set(admin).send({ role: 'root' }).expect(400);
  });

  it("answers another scheme's customer as none", async () => {
    const other = await ownerScheme();
    const id = (await h.http.post('/v1/owner/customers').set(other.owner).send({ name: 'Elsewhere', phone: phone() }).expect(201)).body.customer.id;
    for (const send of [
      () => h.http.get(`/v1/owner/customers/${id}`).set(s.owner),
      () => h.http.delete(`/v1/owner/customers/${id}`).set(s.owner),
      () => h.http.post(`/v1/owner/customers/${id}/points`).set(s.owner).send({ points: 5, reason: 'x' }),
    ]) {
      expect((await send().expect(404)).body).toEqual(lpError('not_found'));
    }
    await h.http.get(`/v1/owner/customers/${id}`).set(other.owner).expect(200);
  });
});

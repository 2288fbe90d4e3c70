import { randomUUID } from 'node:crypto';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';

let h: Harness;
let a: TestScheme;
let b: TestScheme;
let customerOfB: { id: string; barcode: string; email: string };

beforeAll(async () => {
  h = await createHarness();
  a = await createTestScheme(h);
  b = await createTestScheme(h);
  customerOfB = (await h.http.post('/v1/customers').set(b.headers).send(customerBody()).expect(201)).body;
});
afterAll(() => h.close());

describe('tenant isolation between schemes', () => {
  it("never shows scheme B's customer to scheme A's key", async () => {
    const res = await h.http.get(`/v1/customers/${customerOfB.id}`).set(a.headers).expect(404);
    expect(res.body.error.code).toBe('not_found');
    const byBarcode = await h.http.get('/v1/customers').query({ barcode: customerOfB.barcode }).set(a.headers).expect(200);
    expect(byBarcode.body.data).toEqual([]);
    const list = await h.http.get('/v1/customers').set(a.headers).expect(200);
    expect(list.body.data.every((c: { schemeId: string }) => c.schemeId === a.id)).toBe(true);
  });

  it("cannot change scheme B's customer with scheme A's key", async () => {
    await h.http.put(`/v1/customers/${customerOfB.id}`).set(a.headers).send({ status: 'BLOCKED' }).expect(404);
    expect((await h.repos.customers.findById(b.id, customerOfB.id))?.status).toBe('ACTIVE');
  });

  it("refuses A's key presented as scheme B", async () => {
    const res = await h.http.get('/v1/customers').set({ 'X-Scheme': b.id, 'X-ApiKey': a.apiKey }).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('keeps uniqueness per scheme: the same email may exist in both schemes', async () => {
    const email = `shared.${randomUUID()}@example.test`;
    await h.http.post('/v1/customers').set(a.headers).send(customerBody({ email })).expect(201);
    await h.http.post('/v1/customers').set(b.headers).send(customerBody({ email })).expect(201);
  });

  it.each([
    ['no headers', {}],
    ['no key', { 'X-Scheme': randomUUID() }],
    ['an unknown key', { 'X-Scheme': randomUUID(), 'X-ApiKey': 'lhk_nope' }],
    ['a scheme that is not a uuid', { 'X-Scheme': 'demo', 'X-ApiKey': 'lhk_nope' }],
  ])('answers 401 in the error format for %s', async (_what, headers) => {
    const res = await h.http.get('/v1/customers').set(headers).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
    // It names every credential this route accepts (a till's key, or ops), in words and as challenges.
    expect(res.body.error.message).toMatch(/Send X-Scheme with X-ApiKey, or Authorization: Bearer <admin token> with X-Scheme$/);
    expect(res.headers['www-authenticate']).toBe('ApiKey realm="loyalty-hub", header="X-ApiKey", scheme-header="X-Scheme", Bearer realm="loyalty-hub", scheme-header="X-Scheme"');
  });

  it('revokes a key at once', async () => {
    const admin = { Authorization: `Bearer ${h.adminToken}` };
    const issued = await h.http.post(`/v1/schemes/${a.id}/api-keys`).set(admin).send({}).expect(201);
    const headers = { 'X-Scheme': a.id, 'X-ApiKey': issued.body.key };
    await h.http.get('/v1/customers').set(headers).expect(200);
    const revoked = await h.http.delete(`/v1/schemes/${a.id}/api-keys/${issued.body.id}`).set(admin).expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    await h.http.get('/v1/customers').set(headers).expect(401);
    // The scheme's other keys keep working.
    await h.http.get('/v1/customers').set(a.headers).expect(200);
  });

  it("cannot revoke scheme B's key through scheme A's path", async () => {
    const admin = { Authorization: `Bearer ${h.adminToken}` };
    await h.http.delete(`/v1/schemes/${a.id}/api-keys/${b.keyId}`).set(admin).expect(404);
    await h.http.get('/v1/customers').set(b.headers).expect(200);
  });
});

describe('management endpoints', () => {
  const admin = () => ({ Authorization: `Bearer ${h.adminToken}` });

  it('require the admin token; a scheme key is not enough', async () => {
    await h.http.post('/v1/schemes').send({ name: 'x', currency: 'EUR', timeZone: 'UTC' }).expect(401);
    await h.http.get(`/v1/schemes/${a.id}`).set(a.headers).expect(401);
    const wrong = await h.http.get(`/v1/schemes/${a.id}`).set({ Authorization: 'Bearer wrong-token-wrong-token' }).expect(401);
    expect(wrong.body.error.message).toBe('Invalid admin token. Send Authorization: Bearer <admin token>');
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="loyalty-hub"');
  });

  it('create and read a scheme; keys are listed without their secret', async () => {
    const name = `Scheme ${randomUUID()}`;
    const created = await h.http.post('/v1/schemes').set(admin()).send({ name, currency: 'GBP', timeZone: 'Europe/London' }).expect(201);
    expect(created.body).toMatchObject({ name, currency: 'GBP', timeZone: 'Europe/London' });
    expect((await h.http.get(`/v1/schemes/${created.body.id}`).set(admin()).expect(200)).body).toEqual(created.body);
    const issued = await h.http.post(`/v1/schemes/${created.body.id}/api-keys`).set(admin()).send({ name: 'till 1' }).expect(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(issued.body.key).toMatch(/^lhk_[\w-]{43}$/);
    const listed = await h.http.get(`/v1/schemes/${created.body.id}/api-keys`).set(admin()).expect(200);
    expect(listed.body.data).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);
    expect(listed.body.data[0]).toMatchObject({ name: 'till 1', prefix: issued.body.key.slice(0, 10) });
  });

  it('stores keys hashed, never in clear', async () => {
    const rows = await h.orm.em.fork().getConnection().execute('select key_hash from api_keys where id = ?', [a.keyId]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(a.apiKey);
    expect(stored).not.toContain(a.apiKey.slice(4, 20));
  });

  it.each([
    [{ name: '', currency: 'EUR', timeZone: 'UTC' }, 'body.name'],
    [{ name: 'n', currency: 'euro', timeZone: 'UTC' }, 'body.currency'],
    [{ name: 'n', currency: 'EUR', timeZone: 'Mars/Olympus' }, 'body.timeZone'],
  ])('validate the scheme body (%j)', async (body, path) => {
    const res = await h.http.post('/v1/schemes').set(admin()).send(body).expect(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('answer 409 for a duplicate scheme name and 404 for an unknown scheme', async () => {
    await h.http.post('/v1/schemes').set(admin()).send({ name: a.name, currency: 'EUR', timeZone: 'UTC' }).expect(409);
    await h.http.get(`/v1/schemes/${randomUUID()}`).set(admin()).expect(404);
    await h.http.post(`/v1/schemes/${randomUUID()}/api-keys`).set(admin()).send({}).expect(404);
  });
});

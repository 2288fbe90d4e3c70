import { randomUUID } from 'node:crypto';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';

let h: Harness;
let scheme: TestScheme;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
});
afterAll(() => h.close());

async function countCustomers(schemeId: string): Promise<number> {
  const rows = await h.orm.em.fork().getConnection().execute('select count(*)::int as n from customers where scheme_id = ?', [schemeId]);
  return (rows[0] as { n: number }).n;
}

describe('POST /v1/customers (proof of life: API → workflow → activity → PostgreSQL)', () => {
  it('creates the customer through the createCustomer workflow', async () => {
    const body = customerBody({ email: `Mixed.Case.${randomUUID()}@Example.TEST` });
    const key = randomUUID();
    const res = await h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', key).send(body).expect(201);

    expect(res.body).toMatchObject({ schemeId: scheme.id, firstName: 'Ada', status: 'ACTIVE', email: String(body.email).toLowerCase() });
    expect(res.body.barcode).toMatch(/^\d{13}$/);
    const stored = await h.repos.customers.findById(scheme.id, res.body.id);
    expect(stored).toEqual(res.body);

    // The workflow really ran, on this harness's task queue, and is findable by the search attribute.
    const workflows = [];
    for await (const wf of h.client.workflow.list({ query: `CustomerId = "${res.body.id}" AND WorkflowType = "createCustomer"` })) workflows.push(wf);
    const handle = h.client.workflow.getHandle(workflows[0]?.workflowId ?? 'missing');
    const description = await handle.describe();
    expect(description.type).toBe('createCustomer');
    expect(description.taskQueue).toBe(h.taskQueue);
    expect(description.status.name).toBe('COMPLETED');
  });

  it('returns the first result for a retried Idempotency-Key and creates one row', async () => {
    const before = await countCustomers(scheme.id);
    const body = customerBody();
    const key = randomUUID();
    const first = await h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', key).send(body).expect(201);
    // Same meaning, keys in another order: still the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', key).send(reordered).expect(201);
    expect(second.body).toEqual(first.body);
    expect(await countCustomers(scheme.id)).toBe(before + 1);
  });

  it('refuses an Idempotency-Key reused with a different body', async () => {
    const key = randomUUID();
    await h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', key).send(customerBody()).expect(201);
    const res = await h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', key).send(customerBody()).expect(409);
    expect(res.body.error.code).toBe('idempotency_key_reused');
  });

  it('creates exactly one customer when the same request races itself', async () => {
    const before = await countCustomers(scheme.id);
    const body = customerBody();
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', key).send(body)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await countCustomers(scheme.id)).toBe(before + 1);
  });

  it('lets exactly one of many concurrent creates with the same email win (409 for the rest)', async () => {
    const email = `race.${randomUUID()}@example.test`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => h.http.post('/v1/customers').set(scheme.headers).send(customerBody({ email }))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error).toMatchObject({ code: 'conflict', details: [{ path: 'email' }] });
    }
  });

  it.each([
    ['barcode', { barcode: 'CARD-0001' }],
    ['phone', { phone: '+35699000111' }],
  ])('gives 409 for a duplicate %s', async (field, dup) => {
    const value = `${Object.values(dup)[0]}`;
    const unique = field === 'barcode' ? { barcode: `${value}-${randomUUID().slice(0, 8)}` } : { phone: `+3569${Date.now().toString().slice(-9)}` };
    await h.http.post('/v1/customers').set(scheme.headers).send(customerBody(unique)).expect(201);
    const res = await h.http.post('/v1/customers').set(scheme.headers).send(customerBody(unique)).expect(409);
    expect(res.body.error.details[0].path).toBe(field);
  });

  it.each([
    ['a phone not in E.164', { phone: '0035699123456' }, 'body.phone'],
    ['a malformed email', { email: 'not-an-email' }, 'body.email'],
    ['an unknown field', { favouriteColour: 'green' }, 'body.favouriteColour'],
    ['a barcode with spaces', { barcode: 'A B' }, 'body.barcode'],
  ])('rejects %s with 400 and creates nothing', async (_what, override, path) => {
    const before = await countCustomers(scheme.id);
    const res = await h.http.post('/v1/customers').set(scheme.headers).send(customerBody(override)).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await countCustomers(scheme.id)).toBe(before);
  });
});

describe('GET /v1/customers', () => {
  it('looks customers up by barcode, email and phone', async () => {
    const created = (await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
    for (const query of [{ barcode: created.barcode }, { email: created.email.toUpperCase() }, { phone: created.phone }]) {
      const res = await h.http.get('/v1/customers').query(query).set(scheme.headers).expect(200);
      expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([created.id]);
    }
    const none = await h.http.get('/v1/customers').query({ barcode: 'NO-SUCH-CARD' }).set(scheme.headers).expect(200);
    expect(none.body).toEqual({ data: [], nextCursor: null });
  });

  it('pages through every customer once, in creation order', async () => {
    const own = await createTestScheme(h);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await h.http.post('/v1/customers').set(own.headers).send(customerBody()).expect(201)).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit: 2, cursor } : { limit: 2 };
      const page = await h.http.get('/v1/customers').query(query).set(own.headers).expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('rejects a forged cursor and an out-of-range limit', async () => {
    const bad = await h.http.get('/v1/customers').query({ cursor: 'garbage' }).set(scheme.headers).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    await h.http.get('/v1/customers').query({ limit: 1000 }).set(scheme.headers).expect(400);
  });
});

describe('PUT /v1/customers/:id', () => {
  it('edits, blocks and unblocks a customer', async () => {
    const created = (await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
    const edited = await h.http.put(`/v1/customers/${created.id}`).set(scheme.headers).send({ lastName: 'Byron', phone: null }).expect(200);
    expect(edited.body).toMatchObject({ id: created.id, lastName: 'Byron', phone: null, email: created.email });
    const blocked = await h.http.put(`/v1/customers/${created.id}`).set(scheme.headers).send({ status: 'BLOCKED' }).expect(200);
    expect(blocked.body.status).toBe('BLOCKED');
    const unblocked = await h.http.put(`/v1/customers/${created.id}`).set(scheme.headers).send({ status: 'ACTIVE' }).expect(200);
    expect(unblocked.body.status).toBe('ACTIVE');
    expect((await h.repos.customers.findById(scheme.id, created.id))?.lastName).toBe('Byron');
  });

  it('gives 409 when the edit takes another customer’s email, and changes nothing', async () => {
    const a = (await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
    const b = (await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
    const res = await h.http.put(`/v1/customers/${b.id}`).set(scheme.headers).send({ email: a.email, lastName: 'X' }).expect(409);
    expect(res.body.error.code).toBe('conflict');
    expect(await h.repos.customers.findById(scheme.id, b.id)).toEqual(b);
  });

  it('gives 404 for an unknown customer and 400 for an empty or invalid edit', async () => {
    await h.http.put(`/v1/customers/${randomUUID()}`).set(scheme.headers).send({ lastName: 'X' }).expect(404);
    const created = (await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
    await h.http.put(`/v1/customers/${created.id}`).set(scheme.headers).send({}).expect(400);
    await h.http.put(`/v1/customers/${created.id}`).set(scheme.headers).send({ status: 'DELETED' }).expect(400);
    await h.http.put('/v1/customers/not-a-uuid').set(scheme.headers).send({ lastName: 'X' }).expect(400);
  });
});

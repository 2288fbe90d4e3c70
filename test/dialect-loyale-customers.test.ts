import { randomUUID } from 'node:crypto';
import { storm } from './support/storm';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
import { saleWorld } from './fixtures/sales';
import { errorOf } from './support/error-shape';

/**
 * Loyale's Customer operations (seed 000: Register a new Customer, Modify a
 * Customer, Place a customer account on hold, Get a Customer) as a Loyale till
 * uses them: Loyale's field names and JSON types, the hub's workflows behind
 * them, exactly-once registration with and without Idempotency-Key, a customer
 * on hold refused by sales, and every refusal in Loyale's error shape.
 */
let h: Harness;
let scheme: TestScheme;
let other: TestScheme;
let outletId: string;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  other = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
}, 60_000);
afterAll(() => h.close());

/** A registration body in Loyale's field names, unique per call. */
function loyaleBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { phone, ...hub } = customerBody();
  return { ...hub, phoneNumber: phone, ...overrides };
}

const register = (body: Record<string, unknown>, s: TestScheme = scheme) => h.http.post('/api/Customer').set(s.headers).send(body);
const sale = (customerId: string) => h.http.post('/api/Transaction').set(scheme.headers).send({ customerId, outletId, uniqueId: `sale-${randomUUID()}`, lineItems: [{ quantity: 1, unitPrice: 5 }] });

/** Loyale's error shape: the message as the `error` string, the hub's code beside it. */
function loyaleError(body: unknown, code: string) {
  expect(typeof (body as { error?: unknown }).error).toBe('string');
  expect(errorOf(body)).toMatchObject({ code });
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('Register, read and look up', () => {
  it("answers Loyale's customer with its JSON types, and the till finds it by barcode", async () => {
    const body = loyaleBody({ email: `Mixed.${randomUUID()}@Example.test` });
    const res = await register(body).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      schemeId: scheme.id,
      // Generated when absent: 13 digits, EAN-13 check digit.
      barCode: expect.stringMatching(/^\d{13}$/),
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: (body.email as string).toLowerCase(),
      phoneNumber: body.phoneNumber,
      status: 'ACTIVE',
      onHold: false,
      createdDate: expect.stringMatching(ISO),
      updatedDate: expect.stringMatching(ISO),
    });
    expect((await h.http.get(`/api/Customer/${res.body.id}`).set(scheme.headers).expect(200)).body).toEqual(res.body);
    const info = await h.http.get('/api/ExternalPos/UserInformation').set(scheme.headers).query({ barcode: res.body.barCode }).expect(200);
    expect(info.body).toMatchObject({ id: res.body.id, barCode: res.body.barCode, onHold: false, pointBalance: { available: 0 } });
  });

  it('keeps a barCode the till sends, and refuses another customer\'s email or barCode (409)', async () => {
    const barCode = `LY-${randomUUID().slice(0, 8)}`;
    const first = await register(loyaleBody({ barCode })).expect(201);
    expect(first.body.barCode).toBe(barCode);
    loyaleError((await register(loyaleBody({ barCode })).expect(409)).body, 'conflict');
    loyaleError((await register(loyaleBody({ email: first.body.email })).expect(409)).body, 'conflict');
  });

  it("refuses a bad body with 400 in Loyale's shape, naming the field", async () => {
    for (const bad of [{ email: 'not-an-email' }, { phone: '+35699123456' }, { phoneNumber: '99123456' }, { barCode: 'a b' }]) {
      const res = await register({ ...loyaleBody(), ...bad }).expect(400);
      loyaleError(res.body, 'validation_failed');
      expect(errorOf(res.body)?.details).toEqual([expect.objectContaining({ path: `body.${Object.keys(bad)[0]}` })]);
    }
    loyaleError((await h.http.put(`/api/Customer/${randomUUID()}`).set(scheme.headers).send({}).expect(400)).body, 'validation_failed');
    loyaleError((await h.http.put(`/api/Customer/${randomUUID()}/Hold`).set(scheme.headers).send({ onHold: 'yes' }).expect(400)).body, 'validation_failed');
  });
});

describe('Modify and hold', () => {
  it('modifies the fields sent, clears one with null, and refuses another customer\'s email', async () => {
    const c = (await register(loyaleBody()).expect(201)).body;
    const someone = (await register(loyaleBody()).expect(201)).body;
    const res = await h.http.put(`/api/Customer/${c.id}`).set(scheme.headers).send({ lastName: 'Byron', phoneNumber: null }).expect(200);
    expect(res.body).toMatchObject({ id: c.id, firstName: 'Ada', lastName: 'Byron', phoneNumber: null, email: c.email, barCode: c.barCode, onHold: false });
    expect((await h.http.get(`/api/Customer/${c.id}`).set(scheme.headers).expect(200)).body).toEqual(res.body);
    loyaleError((await h.http.put(`/api/Customer/${c.id}`).set(scheme.headers).send({ email: someone.email }).expect(409)).body, 'conflict');
  });

  it("a customer on hold is refused by sales (422, Loyale's shape) until taken off hold", async () => {
    const c = (await register(loyaleBody()).expect(201)).body;
    // No body: on hold is the default.
    const held = await h.http.put(`/api/Customer/${c.id}/Hold`).set(scheme.headers).expect(200);
    expect(held.body).toMatchObject({ id: c.id, status: 'BLOCKED', onHold: true });
    expect((await h.http.get('/api/ExternalPos/UserInformation').set(scheme.headers).query({ customerId: c.id }).expect(200)).body.onHold).toBe(true);

    const refused = await sale(c.id).expect(422);
    expect(refused.body).toEqual({ error: 'The customer is blocked', code: 'business_rule_violated', requestId: expect.any(String) });

    // Asking again changes nothing.
    expect((await h.http.put(`/api/Customer/${c.id}/Hold`).set(scheme.headers).send({ onHold: true }).expect(200)).body).toEqual(held.body);

    const released = await h.http.put(`/api/Customer/${c.id}/Hold`).set(scheme.headers).send({ onHold: false }).expect(200);
    expect(released.body).toMatchObject({ status: 'ACTIVE', onHold: false });
    expect((await sale(c.id).expect(201)).body).toMatchObject({ customerId: c.id, pointsEarned: 30 });
  });
});

describe('Exactly once', () => {
  const byEmail = async (email: string) => (await h.http.get('/v1/customers').set(scheme.headers).query({ email }).expect(200)).body.data as unknown[];

  it('20 identical registrations at once without a key are one customer, and every answer is it', async () => {
    const body = loyaleBody();
    const answers = await storm(20, () => register(body).then((r) => r));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(await byEmail(body.email as string)).toHaveLength(1);
    // A retry a moment later (inside the window) is the same registration, not a 409 on its own email.
    expect((await register(body).expect(201)).body.id).toBe(answers[0]!.body.id);
  });

  it('without a key, anonymous registrations (nothing naming the person) are each a customer of their own', async () => {
    const answers = await Promise.all([register({}), register({}), register({ firstName: 'John' }), register({ firstName: 'John' })]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(4);
  });

  it('with Idempotency-Key the key makes it one; the same key with another body is 409', async () => {
    const key = `reg-${randomUUID()}`;
    const body = loyaleBody();
    const answers = await storm(10, () => register(body).set('Idempotency-Key', key).then((r) => r));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(await byEmail(body.email as string)).toHaveLength(1);
    loyaleError((await register(loyaleBody()).set('Idempotency-Key', key).expect(409)).body, 'idempotency_key_reused');
  });
});

describe('Another scheme', () => {
  it("answers another scheme's customer exactly as an unknown one (404), and changes nothing", async () => {
    const theirs = (await register(loyaleBody(), other).expect(201)).body;
    const requests = (id: string) => [
      h.http.get(`/api/Customer/${id}`).set(scheme.headers),
      h.http.put(`/api/Customer/${id}`).set(scheme.headers).send({ firstName: 'Mallory' }),
      h.http.put(`/api/Customer/${id}/Hold`).set(scheme.headers).send({ onHold: true }),
    ];
    const [foreign, unknown] = await Promise.all([Promise.all(requests(theirs.id)), Promise.all(requests(randomUUID()))]);
    for (const [i, res] of foreign.entries()) {
      expect(res.status).toBe(404);
      expect(errorOf(res.body)?.message).toBe(errorOf(unknown[i]!.body)?.message);
      loyaleError(res.body, 'not_found');
    }
    expect((await h.http.get(`/api/Customer/${theirs.id}`).set(other.headers).expect(200)).body).toEqual(theirs);
  });
});

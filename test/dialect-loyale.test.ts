import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLoyaleAdapter } from '../adapters/loyale/adapter';
import { createHarness, type Harness } from './support/harness';
import { eventually } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
import { saleWorld } from './fixtures/sales';
import { adminFor } from './fixtures/missions';
import * as seed from './support/seed-examples';

/**
 * Loyale's dialect, as a Loyale till uses it against the hub: seed 002's
 * transaction examples replayed (the seed's numbers, and every field of its
 * answers with the seed's JSON type), and the External POS reads seed 000 names
 * (user information, coupon information, updated customers, point balance,
 * levels, gain rate, scheme, stores and locations).
 */
let h: Harness;
let scheme: TestScheme;
let other: TestScheme;
let outletId: string;
let otherOutletId: string;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  other = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
  ({ outletId: otherOutletId } = await saleWorld(h, other));
}, 60_000);
afterAll(() => h.close());

const get = (path: string, s: TestScheme = scheme) => h.http.get(path).set(s.headers);

/** A customer through the API, with `points` minted into its default wallet. */
async function customer(s: TestScheme, points: number, overrides: Record<string, unknown> = {}) {
  const body = customerBody(overrides);
  const c = (await h.http.post('/v1/customers').set(s.headers).send(body).expect(201)).body;
  const w = (await h.http.get(`/v1/customers/${c.id}`).set(s.headers).expect(200)).body.wallets[0];
  if (points > 0) await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/mint`).set(s.headers).send({ amount: points }).expect(201);
  return { id: c.id as string, barcode: c.barcode as string, email: body.email as string, phone: body.phone as string };
}

/** The hub answers another scheme's id exactly as an id that exists nowhere. */
async function sameAsUnknown(foreign: PromiseLike<{ status: number; body: unknown }>, unknown: PromiseLike<{ status: number; body: unknown }>) {
  const [f, u] = await Promise.all([foreign, unknown]);
  expect(f.status).toBe(404);
  expect({ status: f.status, message: seed.errorText(f.body) }).toEqual({ status: u.status, message: seed.errorText(u.body) });
}

describe('seed 002: the Loyale transaction examples', () => {
  // The seed's outlet id is Loyale's; the hub gives an outlet its id when it is created, so the examples go to this scheme's.
  const atOutlet = (example: Record<string, unknown>) => ({ ...example, outletId });
  let minimalUniqueId: string;

  beforeAll(async () => {
    await customer(scheme, 7830, { barcode: '3860358623507' });
    await h.http.post('/v1/coupons').set(scheme.headers).send({ code: '7652874580312', type: 'percent_off', value: 10 }).expect(201);
  });

  it('the minimal example earns the seed numbers (150: 7830 → 7980) and answers every field of the sample response with its type', async () => {
    const res = await h.http.post('/api/Transaction').set(scheme.headers).send(atOutlet(seed.minimalSale)).expect(201);
    expect(res.body).toMatchObject({ pointsEarned: 150, pointsRedeemed: 0, pointsBefore: 7830, pointsAfter: 7980, paymentMethods: [{ type: 'Unspecified', amount: 25 }] });
    expect(seed.conformsTo(seed.saleResponse, res.body)).toEqual([]);
    minimalUniqueId = res.body.uniqueId;
  });

  it("refuses a redemption beyond the balance with the seed's error text", async () => {
    // 50 000.00 at 100 points per 1.00 is the seed's 5 000 000 points; the customer has the seed's 7980 after the sale above.
    const res = await h.http
      .post('/api/Transaction')
      .set(scheme.headers)
      .send({ ...atOutlet(seed.minimalSale), lineItems: [{ quantity: 1, unitPrice: 50040 }], paymentMethods: [{ type: 'Cash', amount: 40.0 }, { type: 'Loyale Redemption', amount: 50000 }] })
      .expect(422);
    expect(seed.errorText(res.body)).toBe(seed.notEnoughPoints.error);
  });

  it.each([
    ['the complex example', seed.complexSale],
    ['the detailed line items', seed.detailedSale],
    ['the coupon example', seed.couponSale],
    ['the payment methods example', seed.cashSale],
  ])('%s posts and answers like the sample response', async (_what, example) => {
    // The seed reuses one uniqueId for different bodies (a 409 at the hub, as at Loyale): each gets its own here.
    const body = { ...atOutlet(example), uniqueId: `${String(example.uniqueId)}-${randomUUID()}` };
    const res = await h.http.post('/api/Transaction').set(scheme.headers).send(body).expect(201);
    expect(seed.conformsTo(seed.saleResponse, res.body)).toEqual([]);
  });

  it('full, line-item and custom returns answer every field of the return sample with its type', async () => {
    const full = await h.http.post(`/api/Transaction/Return/Full/${encodeURIComponent(minimalUniqueId)}`).set(scheme.headers).send({}).expect(201);
    expect(full.body).toMatchObject({ pointsDeducted: 150, pointsReadded: 0 });
    expect(seed.conformsTo(seed.returnResponse, full.body)).toEqual([]);

    const sale = (await h.http.post('/api/Transaction').set(scheme.headers).send(atOutlet(seed.minimalSale)).expect(201)).body;
    const line = await h.http.post(`/api/Transaction/Return/LineItem/${encodeURIComponent(sale.uniqueId)}`).set(scheme.headers).send(seed.lineItemReturn).expect(201);
    expect(line.body).toMatchObject({ pointsDeducted: 30 });
    expect(seed.conformsTo(seed.returnResponse, line.body)).toEqual([]);

    const custom = await h.http.post('/api/Transaction/Return/Custom').set(scheme.headers).send(atOutlet(seed.customReturn)).expect(201);
    expect(seed.conformsTo(seed.returnResponse, custom.body)).toEqual([]);
  });
});

describe('Get User Information', () => {
  it('finds the customer by barcode, customerId, email and phoneNumber, with its balance and level', async () => {
    const c = await customer(scheme, 1234);
    const answers = await Promise.all(
      [{ barcode: c.barcode }, { customerId: c.id }, { email: c.email.toUpperCase() }, { phoneNumber: c.phone }].map((query) => get('/api/ExternalPos/UserInformation').query(query).expect(200)),
    );
    for (const res of answers) expect(res.body).toEqual(answers[0]!.body);
    expect(answers[0]!.body).toMatchObject({
      id: c.id,
      schemeId: scheme.id,
      barCode: c.barcode,
      email: c.email,
      phoneNumber: c.phone,
      status: 'ACTIVE',
      onHold: false,
      pointBalance: { available: 1234, pending: 0, held: 0, monetaryValue: 12.34 },
      // No tiers in this scheme: its single default level.
      level: { id: scheme.id, name: 'Default', pointsThreshold: 0, multiplier: 1, isDefault: true },
      storedValue: null,
    });
  });

  it("answers 404 for an unknown customer and for another scheme's, alike", async () => {
    const theirs = await customer(other, 0);
    await sameAsUnknown(get('/api/ExternalPos/UserInformation').query({ barcode: theirs.barcode }), get('/api/ExternalPos/UserInformation').query({ barcode: '0000000000000' }));
    await sameAsUnknown(get('/api/ExternalPos/UserInformation').query({ customerId: theirs.id }), get('/api/ExternalPos/UserInformation').query({ customerId: randomUUID() }));
    await sameAsUnknown(get('/api/ExternalPos/UserInformation').query({ email: theirs.email }), get('/api/ExternalPos/UserInformation').query({ email: `nobody.${randomUUID()}@example.test` }));
  });

  it('needs exactly one identifier', async () => {
    await get('/api/ExternalPos/UserInformation').expect(400);
    await get('/api/ExternalPos/UserInformation').query({ barcode: '3860358623507', email: 'a@example.test' }).expect(400);
  });
});

describe('Get Coupon Information', () => {
  it('says whether a sale would accept the coupon now, for the customer named', async () => {
    const [mine, someone] = [await customer(scheme, 0), await customer(scheme, 0)];
    const free = (await h.http.post('/v1/coupons').set(scheme.headers).send({ type: 'amount_off', value: 250 }).expect(201)).body.code;
    const theirs = (await h.http.post('/v1/coupons').set(scheme.headers).send({ type: 'percent_off', value: 10, customerId: someone.id }).expect(201)).body.code;
    const info = (query: Record<string, string>) => get('/api/ExternalPos/CouponInformation').query(query).expect(200);

    expect((await info({ barcode: free })).body).toEqual({ barcode: free, type: 'amount_off', value: 2.5, customerId: null, validFrom: null, validTo: null, used: false, usedDate: null, usable: true });
    expect((await info({ barcode: theirs, customerId: mine.id })).body).toMatchObject({ customerId: someone.id, usable: false, reason: `Coupon ${theirs} belongs to another customer` });
    expect((await info({ barcode: theirs, customerId: someone.id })).body).toMatchObject({ usable: true });

    await h.http.post('/api/Transaction').set(scheme.headers).send({ customerId: mine.id, outletId, lineItems: [{ quantity: 1, unitPrice: 5 }], coupons: [free] }).expect(201);
    expect((await info({ barcode: free })).body).toMatchObject({ used: true, usedDate: expect.any(String), usable: false, reason: `Coupon ${free} was already used` });
  });

  it("answers 404 for another scheme's coupon or customer as for unknown ones", async () => {
    const theirs = (await h.http.post('/v1/coupons').set(other.headers).send({ type: 'amount_off', value: 100 }).expect(201)).body.code;
    const mine = (await h.http.post('/v1/coupons').set(scheme.headers).send({ type: 'amount_off', value: 100 }).expect(201)).body.code;
    await sameAsUnknown(get('/api/ExternalPos/CouponInformation').query({ barcode: theirs }), get('/api/ExternalPos/CouponInformation').query({ barcode: `NOPE-${randomUUID().slice(0, 8)}` }));
    const theirCustomer = await customer(other, 0);
    await sameAsUnknown(get('/api/ExternalPos/CouponInformation').query({ barcode: mine, customerId: theirCustomer.id }), get('/api/ExternalPos/CouponInformation').query({ barcode: mine, customerId: randomUUID() }));
  });
});

describe('Get Information on Updated Customers', () => {
  let feed: TestScheme;
  type Row = { id: string; updatedDate: string; firstName: string | null; points: number };
  const poll = async (query: Record<string, string>) => get('/api/ExternalPos/UpdatedCustomers', feed).query(query).expect(200);

  beforeAll(async () => {
    feed = await createTestScheme(h);
  });

  it('pages by (updatedDate, id) from `from` inclusive, with X-Next-Cursor, and shows a change on the next poll', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    const made = [await customer(feed, 10), await customer(feed, 20), await customer(feed, 30)];
    // Changes are served after the settle horizon (2 s).
    const all = await eventually(() => poll({ from: start }), (r) => r.body.length === 3, 20_000);
    const rows = all.body as Row[];
    const order = [...rows].sort((a, b) => (a.updatedDate === b.updatedDate ? (a.id < b.id ? -1 : 1) : a.updatedDate < b.updatedDate ? -1 : 1));
    expect(rows.map((r) => r.id)).toEqual(order.map((r) => r.id));
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(made.map((m) => m.id)));
    expect(rows.map((r) => r.points).sort()).toEqual([10, 20, 30]);
    expect(all.headers['x-next-cursor']).toBeUndefined();

    const first = await poll({ from: start, limit: '2' });
    expect((first.body as Row[]).map((r) => r.id)).toEqual(rows.slice(0, 2).map((r) => r.id));
    const cursor = first.headers['x-next-cursor'] as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await poll({ from: start, limit: '2', cursor });
    expect((second.body as Row[]).map((r) => r.id)).toEqual([rows[2]!.id]);
    expect(second.headers['x-next-cursor']).toBeUndefined();

    // `from` is inclusive: the row updated at that very instant is in.
    expect((await poll({ from: rows[2]!.updatedDate })).body.map((r: Row) => r.id)).toContain(rows[2]!.id);

    const last = rows[2]!.updatedDate;
    await h.http.put(`/v1/customers/${rows[0]!.id}`).set(feed.headers).send({ firstName: 'Changed' }).expect(200);
    const next = await eventually(() => poll({ from: last }), (r) => (r.body as Row[]).some((row) => row.id === rows[0]!.id), 20_000);
    expect((next.body as Row[]).find((row) => row.id === rows[0]!.id)).toMatchObject({ firstName: 'Changed', points: expect.any(Number) });
  });

  it('refuses a cursor it did not issue and a missing `from`', async () => {
    await get('/api/ExternalPos/UpdatedCustomers', feed).expect(400);
    await get('/api/ExternalPos/UpdatedCustomers', feed).query({ from: new Date().toISOString(), cursor: 'not-a-cursor' }).expect(400);
  });

  it("is what the hub's own Loyale adapter reads: a hub polls another hub", async () => {
    const server: Server = await new Promise((resolve) => {
      const s = h.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const since = new Date(Date.now() - 1000).toISOString();
      const c = await customer(feed, 0, { firstName: 'Polled' });
      const adapter = createLoyaleAdapter({ id: randomUUID(), partner: 'loyale', baseUrl: `http://127.0.0.1:${port}`, credentials: { scheme: feed.id, apiKey: feed.apiKey }, options: {} });
      const updates = await eventually(() => adapter.updatedCustomers!(since), (u) => u.some((x) => x.externalId === c.id), 20_000);
      expect(updates.find((u) => u.externalId === c.id)).toEqual({ externalId: c.id, barcode: c.barcode, updatedAt: expect.any(String), changes: { firstName: 'Polled', lastName: 'Lovelace', email: c.email, phone: c.phone } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('Get PointBalance', () => {
  it("answers the customer's points in the default account, and 404 for another scheme's customer as for an unknown one", async () => {
    const c = await customer(scheme, 250);
    const res = await get(`/api/PointBalance/${c.id}`).expect(200);
    expect(res.body).toEqual({ customerId: c.id, schemeId: scheme.id, pointsValue: 250, pending: 0, held: 0, monetaryValue: 2.5, expiring: [] });
    const theirs = await customer(other, 5);
    await sameAsUnknown(get(`/api/PointBalance/${theirs.id}`), get(`/api/PointBalance/${randomUUID()}`));
  });
});

describe('Levels and Gain Rate', () => {
  it('a scheme without tiers has one default level, found in the list and by its id', async () => {
    const levels = await get('/api/Level').expect(200);
    expect(levels.body).toEqual([{ id: scheme.id, name: 'Default', schemeId: scheme.id, pointsThreshold: 0, order: 0, isDefault: true, imageUrl: null, multiplier: 1, active: true }]);
    expect((await get(`/api/Level/${scheme.id}`).expect(200)).body).toEqual(levels.body[0]);
  });

  it("gives the scheme's rates, and a customer's level multiplier", async () => {
    const plain = await get('/api/Transaction/GainRate').expect(200);
    expect(plain.body).toEqual({ schemeId: scheme.id, currency: 'EUR', gainRate: 6, effectiveGainRate: 6, redeemRate: 100, levelMultiplier: 1, overrides: [] });

    const tiered = await createTestScheme(h);
    await saleWorld(h, tiered, [{ match: 'category', value: 'Gifts', earnPerUnit: 0 }]);
    const gold = (await h.http.post('/v1/tiers').set(adminFor(h, tiered)).send({ name: 'Gold', active: true, minRequiredPoints: 1000, tierOrder: 1, earnMultiplierPercent: 150 }).expect(201)).body.tier;
    const c = await customer(tiered, 0);
    await h.http.put(`/v1/customers/${c.id}/tier`).set(tiered.headers).send({ loyaltyTierId: gold.id }).expect(200);
    const rate = await get('/api/Transaction/GainRate', tiered).query({ customerId: c.id }).expect(200);
    expect(rate.body).toMatchObject({ gainRate: 6, levelMultiplier: 1.5, effectiveGainRate: 9, overrides: [{ match: 'category', value: 'Gifts', gainRate: 0, effectiveGainRate: 0 }] });
    // With tiers, the levels are the tiers (no default level), and the customer's is in its user information.
    expect((await get('/api/Level', tiered).expect(200)).body.map((l: { id: string }) => l.id)).toEqual([gold.id]);
    expect((await get('/api/ExternalPos/UserInformation', tiered).query({ customerId: c.id }).expect(200)).body.level).toMatchObject({ id: gold.id, multiplier: 1.5 });

    await sameAsUnknown(get('/api/Transaction/GainRate').query({ customerId: c.id }), get('/api/Transaction/GainRate').query({ customerId: randomUUID() }));
  });
});

describe('Scheme, Store and Location', () => {
  it("answers the key's own scheme; another scheme's id is 404 like an unknown one", async () => {
    expect((await get(`/api/Scheme/${scheme.id}`).expect(200)).body).toEqual({ id: scheme.id, name: scheme.name, currency: 'EUR', timeZone: 'Europe/Malta', createdDate: expect.any(String) });
    await sameAsUnknown(get(`/api/Scheme/${other.id}`), get(`/api/Scheme/${randomUUID()}`));
  });

  it('lists and gets the outlets as stores and as locations', async () => {
    const second = (await h.http.post('/v1/outlets').set(scheme.headers).send({ name: `Second ${randomUUID()}` }).expect(201)).body;
    for (const kind of ['Store', 'Location']) {
      const all = await get(`/api/${kind}`).expect(200);
      expect(all.body.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([outletId, second.id]));
      expect(all.body[0]).toEqual({ id: expect.any(String), schemeId: scheme.id, name: expect.any(String), active: true, createdDate: expect.any(String) });
      const page = await get(`/api/${kind}`).query({ limit: '1' }).expect(200);
      expect(page.body).toHaveLength(1);
      const rest = await get(`/api/${kind}`).query({ limit: '1000', cursor: page.headers['x-next-cursor'] as string }).expect(200);
      expect([...page.body, ...rest.body]).toEqual(all.body);
      expect((await get(`/api/${kind}/${second.id}`).expect(200)).body).toMatchObject({ id: second.id, name: second.name });
      await sameAsUnknown(get(`/api/${kind}/${otherOutletId}`), get(`/api/${kind}/${randomUUID()}`));
    }
  });
});

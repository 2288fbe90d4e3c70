import { randomUUID } from 'node:crypto';
import { storm } from './support/storm';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
import { conformsTo } from './support/seed-examples';
import * as lp from './support/seed-examples-loyaltyplus';

/**
 * Loyalty+'s POS dialect (seed 001), as a Loyalty+ till uses it against the
 * hub: the seed's story with its own numbers, every field of its answers with
 * the seed's JSON type, UNIT mode, exactly once without a unique id (storms
 * with and without Idempotency-Key), and each dialect's own error shape.
 */
let h: Harness;
let scheme: TestScheme;
let admin: { Authorization: string };

const pos = (s: TestScheme = scheme) => ({ 'X-API-Key': s.apiKey });

/** A scheme earning 1 point per 1.00, one outlet, rewards from 100 points called "Free Coffee". */
async function posScheme(settings: Record<string, unknown> = {}, overrides: unknown[] = []): Promise<TestScheme> {
  const s = await createTestScheme(h);
  await h.http.put(`/v1/schemes/${s.id}/rules`).set(admin).send({ earnPerUnit: 1, redeemPointsPerUnit: 100, overrides }).expect(200);
  await h.http.post('/v1/outlets').set(s.headers).send({ name: 'Main street' }).expect(201);
  const body = { checkinMode: 'SPEND', unitSku: 'unit', rewardThreshold: 100, rewardTitle: 'Free Coffee', defaultOutletId: null, dedupWindowSeconds: 120, ...settings };
  await h.http.put(`/v1/schemes/${s.id}/pos-settings`).set(admin).send(body).expect(200, { storeOutlets: {}, ...body });
  return s;
}

/** A customer with `points` minted into the default points wallet. */
async function customer(s: TestScheme, points: number, overrides: Record<string, unknown> = {}): Promise<{ id: string; phone: string }> {
  const c = (await h.http.post('/v1/customers').set(s.headers).send(customerBody(overrides)).expect(201)).body;
  const w = (await h.http.get(`/v1/customers/${c.id}`).set(s.headers).expect(200)).body.wallets[0];
  if (points > 0) await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/mint`).set(s.headers).send({ amount: points }).expect(201);
  return { id: c.id, phone: c.phone };
}

const balance = async (s: TestScheme, id: string) => Number((await h.http.get(`/v1/customers/${id}/balance`).set(s.headers).expect(200)).body.ledgers[0].available);
const count = async (sql: string, params: unknown[]) => Number(((await h.orm.em.getConnection().execute(sql, params)) as Array<{ n: string }>)[0]?.n);
const salesOf = (id: string) => count('select count(*) as n from sales where customer_id = ?', [id]);
const burnsOf = (id: string) => count(`select count(*) as n from transfers t join wallets w on w.id = t.debit_wallet_id where w.customer_id = ? and t.code = 'redeem'`, [id]);

/** Loyalty+'s error shape. */
const lpError = (code: string) => ({ success: false, error: expect.any(String), code, requestId: expect.any(String) });

beforeAll(async () => {
  h = await createHarness();
  admin = { Authorization: `Bearer ${h.adminToken}` };
  scheme = await posScheme();
}, 60_000);
afterAll(() => h.close());

describe('the seed story (SPEND mode)', () => {
  let john: { id: string; phone: string };
  beforeAll(async () => {
    john = await customer(scheme, 100, { firstName: 'John', lastName: 'Doe', phone: '+353123456789' });
  });

  it('checks in 25.50 at 1 point per unit: 25 awarded, 125 in all, the reward available', async () => {
    const res = await h.http.post('/v1/pos/checkin').set(pos()).send({ ...lp.checkin, storeId: undefined }).expect(200);
    expect(res.body).toEqual({ success: true, customerId: john.id, pointsAwarded: 25, totalPoints: 125, rewardThreshold: 100, rewardAvailable: true });
    expect(conformsTo(lp.checkinResponse, res.body)).toEqual([]);
    expect(await balance(scheme, john.id)).toBe(125);
    // A sale of the hub: the same ledger, one transaction row with the check-in as posted.
    expect(await salesOf(john.id)).toBe(1);
  });

  it("books a store id the hub does not know at the scheme's outlet (the seed's request verbatim)", async () => {
    const other = await customer(scheme, 0, { phone: '+353111111111' });
    const res = await h.http.post('/v1/pos/checkin').set(pos()).send({ ...lp.checkin, phone: other.phone }).expect(200);
    expect(res.body).toMatchObject({ customerId: other.id, pointsAwarded: 25, totalPoints: 25, rewardAvailable: false });
  });

  it("books a Loyalty+ store mapped in the POS settings at its outlet; the map takes only the scheme's outlets", async () => {
    const mapped = await posScheme();
    const harbour = (await h.http.post('/v1/outlets').set(mapped.headers).send({ name: 'Harbour' }).expect(201)).body.id as string;
    const settings = (await h.http.get(`/v1/schemes/${mapped.id}/pos-settings`).set(admin).expect(200)).body;
    await h.http.put(`/v1/schemes/${mapped.id}/pos-settings`).set(admin).send({ ...settings, storeOutlets: { [String(lp.checkin.storeId)]: harbour } }).expect(200);
    const stranger = await createTestScheme(h);
    const elsewhere = (await h.http.post('/v1/outlets').set(stranger.headers).send({ name: 'Not theirs' }).expect(201)).body.id as string;
    await h.http.put(`/v1/schemes/${mapped.id}/pos-settings`).set(admin).send({ ...settings, storeOutlets: { other: elsewhere } }).expect(404);
    const c = await customer(mapped, 0);
    await h.http.post('/v1/pos/checkin').set(pos(mapped)).send({ ...lp.checkin, phone: c.phone }).expect(200);
    const outlets = (await h.orm.em.getConnection().execute('select outlet_id from sales where customer_id = ?', [c.id])) as Array<{ outlet_id: string }>;
    expect(outlets).toEqual([{ outlet_id: harbour }]);
  });

  it('looks the customer up by phone (raw and %2B-encoded) and by id', async () => {
    const want = { customerId: john.id, name: 'John Doe', phone: '+353123456789', status: 'ACTIVE', totalPoints: 125, rewardAvailable: true };
    for (const identifier of ['+353123456789', '%2B353123456789', john.id]) {
      const res = await h.http.get(`/v1/pos/customer/${identifier}`).set(pos()).expect(200);
      expect(res.body).toEqual(want);
      expect(conformsTo(lp.customerResponse, res.body)).toEqual([]);
    }
    const bal = await h.http.get('/v1/pos/balance/%2B353123456789').set(pos()).expect(200);
    expect(bal.body).toEqual({ customerId: john.id, totalPoints: 125 });
    expect(conformsTo(lp.balanceResponse, bal.body)).toEqual([]);
    await h.http.get(`/v1/pos/balance/${john.id}`).set(pos()).expect(200, { customerId: john.id, totalPoints: 125 });
  });

  it('redeems 100 for the configured reward: 25 remain', async () => {
    const res = await h.http.post('/v1/pos/redeem').set(pos()).send(lp.redeem).expect(200);
    expect(res.body).toEqual({ success: true, redemptionId: expect.any(String), pointsRedeemed: 100, rewardTitle: 'Free Coffee', remainingPoints: 25 });
    expect(conformsTo(lp.redeemResponse, res.body)).toEqual([]);
    expect(await balance(scheme, john.id)).toBe(25);
    // The history shows it as a redemption.
    const history = await h.http.get(`/v1/customers/${john.id}/points-history`).set(scheme.headers).query({ reason: 'redemption' }).expect(200);
    expect(history.body.data).toHaveLength(1);
  });

  it('refuses a redemption beyond the balance with 422 in the Loyalty+ shape, burning nothing', async () => {
    const res = await h.http.post('/v1/pos/redeem').set(pos()).send({ phone: '+353123456789', points: 26 }).expect(422);
    expect(res.body).toMatchObject({ ...lpError('business_rule_violated'), details: [{ available: '25', requested: '26' }] });
    expect(await balance(scheme, john.id)).toBe(25);
  });

  it('answers unknown customers and identifiers with 404 in the Loyalty+ shape', async () => {
    expect((await h.http.get('/v1/pos/customer/+353999999999').set(pos()).expect(404)).body).toEqual(lpError('not_found'));
    expect((await h.http.get('/v1/pos/balance/cuid_xxx').set(pos()).expect(404)).body).toEqual(lpError('not_found'));
    expect((await h.http.post('/v1/pos/checkin').set(pos()).send({ customerId: randomUUID(), amount: 1 }).expect(404)).body).toEqual(lpError('not_found'));
    // Another scheme's customer is no customer of this key's scheme.
    const elsewhere = await posScheme();
    await h.http.get(`/v1/pos/customer/${john.id}`).set(pos(elsewhere)).expect(404);
  });

  it("refuses a check-in without the mode's field, and a blocked customer", async () => {
    const res = await h.http.post('/v1/pos/checkin').set(pos()).send({ phone: '+353123456789', units: 3 }).expect(400);
    expect(res.body).toMatchObject({ ...lpError('validation_failed'), details: [{ path: 'body.amount', message: expect.any(String) }] });
    const blocked = await customer(scheme, 200);
    await h.http.put(`/v1/customers/${blocked.id}`).set(scheme.headers).send({ status: 'BLOCKED' }).expect(200);
    expect((await h.http.post('/v1/pos/checkin').set(pos()).send({ customerId: blocked.id, amount: 5 }).expect(422)).body).toEqual(lpError('business_rule_violated'));
    expect((await h.http.post('/v1/pos/redeem').set(pos()).send({ customerId: blocked.id, points: 5 }).expect(422)).body).toEqual(lpError('business_rule_violated'));
    expect(await balance(scheme, blocked.id)).toBe(200);
  });
});

describe('UNIT mode', () => {
  it("earns units × the unit SKU's pointsPerItem, and says what is missing without it", async () => {
    const bare = await posScheme({ checkinMode: 'UNIT', unitSku: 'coffee' });
    const c0 = await customer(bare, 0);
    const refused = await h.http.post('/v1/pos/checkin').set(pos(bare)).send({ customerId: c0.id, units: 3 }).expect(422);
    expect(refused.body.error).toBe("UNIT mode needs pointsPerItem on an SKU override for coffee in the scheme's rules");

    const s = await posScheme({ checkinMode: 'UNIT', unitSku: 'coffee', rewardThreshold: 50 }, [{ match: 'sku', value: 'coffee', earnPerUnit: 0, pointsPerItem: 10 }]);
    const c = await customer(s, 0);
    const res = await h.http.post('/v1/pos/checkin').set(pos(s)).send({ customerId: c.id, amount: 25.5, units: 3 }).expect(200);
    expect(res.body).toEqual({ success: true, customerId: c.id, pointsAwarded: 30, totalPoints: 30, rewardThreshold: 50, rewardAvailable: false });
    await h.http.post('/v1/pos/checkin').set(pos(s)).send({ customerId: c.id, amount: 25.5 }).expect(400);
  });
});

describe('exactly once without a unique id', () => {

  it('posts one check-in for 50 identical requests without Idempotency-Key', async () => {
    const c = await customer(scheme, 0);
    const results = await storm(50, () => h.http.post('/v1/pos/checkin').set(pos()).send({ customerId: c.id, amount: 10 }).then((r) => r));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await balance(scheme, c.id)).toBe(10);
    expect(await salesOf(c.id)).toBe(1);
  });

  it('posts one check-in for 50 requests with one Idempotency-Key; the key with another body is 409', async () => {
    const c = await customer(scheme, 0);
    const key = `till-3-${randomUUID()}`;
    const results = await storm(50, () => h.http.post('/v1/pos/checkin').set(pos()).set('Idempotency-Key', key).send({ customerId: c.id, amount: 7 }).then((r) => r));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await balance(scheme, c.id)).toBe(7);
    expect(await salesOf(c.id)).toBe(1);
    const other = await h.http.post('/v1/pos/checkin').set(pos()).set('Idempotency-Key', key).send({ customerId: c.id, amount: 8 }).expect(409);
    expect(other.body).toEqual(lpError('conflict'));
    // Another key is another check-in, even with the same body.
    await h.http.post('/v1/pos/checkin').set(pos()).set('Idempotency-Key', `${key}-2`).send({ customerId: c.id, amount: 7 }).expect(200);
    expect(await balance(scheme, c.id)).toBe(14);
  });

  it('slides the window from the last identical request: a till repeating through an outage joins its first check-in', async () => {
    const s = await posScheme({ dedupWindowSeconds: 10 });
    const c = await customer(s, 0);
    const checkin = () => h.http.post('/v1/pos/checkin').set(pos(s)).send({ customerId: c.id, amount: 12 }).expect(200);
    const first = await checkin();
    // Repeats every 6 s: 12 s after the first, but never more than 10 s after the one before it.
    for (const _ of [1, 2]) {
      await new Promise((r) => setTimeout(r, 6000));
      expect((await checkin()).body).toEqual(first.body);
    }
    expect(await balance(s, c.id)).toBe(12);
    expect(await salesOf(c.id)).toBe(1);
  }, 60_000);

  it('forgets claims idle for longer than the longest window as new requests arrive, and only those', async () => {
    const s = await posScheme();
    const sql = (text: string, params: unknown[]) => h.orm.em.fork().getConnection().execute(text, params);
    for (const [fingerprint, age] of [['idle-a', '3 hours'], ['idle-b', '1 day'], ['recent', '30 minutes']]) {
      await sql(`insert into pos_request_claims (scheme_id, fingerprint, unique_id, claimed_at) values (?, ?, ?, now() - ?::interval)`, [s.id, fingerprint, `pos:auto:${fingerprint}`, age]);
    }
    const c = await customer(s, 0);
    await h.http.post('/v1/pos/checkin').set(pos(s)).send({ customerId: c.id, amount: 1 }).expect(200);
    const left = (await sql('select fingerprint from pos_request_claims where scheme_id = ? order by fingerprint', [s.id])) as Array<{ fingerprint: string }>;
    const fingerprints = left.map((r) => r.fingerprint);
    // The check-in's own claim and the recent one stay; both idle ones are gone.
    expect(fingerprints).toHaveLength(2);
    expect(fingerprints).toContain('recent');
    expect(fingerprints.filter((f) => f.startsWith('idle-'))).toEqual([]);
  });

  it('burns once for 20 identical redemptions', async () => {
    const c = await customer(scheme, 100);
    const results = await storm(20, () => h.http.post('/v1/pos/redeem').set(pos()).send({ customerId: c.id, points: 30 }).then((r) => r));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => (r.body as { redemptionId: string }).redemptionId)).size).toBe(1);
    expect(await balance(scheme, c.id)).toBe(70);
    expect(await burnsOf(c.id)).toBe(1);
  });
});

describe("each dialect's own refusals", () => {
  it('answers a missing or wrong X-API-Key with 401 in the Loyalty+ shape and its challenge', async () => {
    for (const headers of [{}, { 'X-API-Key': 'lhk_wrong' }, { 'X-ApiKey': scheme.apiKey, 'X-Scheme': scheme.id }]) {
      const res = await h.http.post('/v1/pos/checkin').set(headers).send(lp.checkin).expect(401);
      expect(res.body).toEqual(lpError('unauthorized'));
      expect(res.body.error).toMatch(/Send X-API-Key \(a scheme API key\)$/);
      expect(res.headers['www-authenticate']).toBe('ApiKey realm="loyalty-hub", header="X-API-Key"');
    }
    await h.http.get('/v1/pos/balance/+353123456789').expect(401);
  });

  it("answers a Loyale path with a bad key in Loyale's shape, and the hub's paths in the hub's", async () => {
    const loyale = await h.http.post('/api/Transaction').set({ 'X-Scheme': scheme.id, 'X-ApiKey': 'lhk_wrong' }).send({}).expect(401);
    expect(loyale.body).toEqual({ error: 'Invalid scheme or API key. Send X-Scheme and X-ApiKey (a scheme API key)', code: 'unauthorized', requestId: expect.any(String) });
    expect(loyale.headers['www-authenticate']).toMatch(/^ApiKey /);
    const hub = await h.http.post('/v1/transactions').set({ 'X-Scheme': scheme.id, 'X-ApiKey': 'lhk_wrong' }).send({}).expect(401);
    expect(hub.body.error).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
  });

  it("answers errors raised before routing in the path's dialect: malformed JSON, unknown paths", async () => {
    const bad = await h.http.post('/api/Transaction').set(scheme.headers).set('Content-Type', 'application/json').send('{"customerBarcode": ').expect(400);
    expect(bad.body).toEqual({ error: 'Request body is not valid JSON', code: 'malformed_json', requestId: expect.any(String) });
    const lpBad = await h.http.post('/v1/pos/checkin').set(pos()).set('Content-Type', 'application/json').send('{').expect(400);
    expect(lpBad.body).toEqual({ success: false, error: 'Request body is not valid JSON', code: 'malformed_json', requestId: expect.any(String) });
    expect((await h.http.get('/v1/pos/nothing-here').expect(404)).body).toEqual(lpError('not_found'));
    expect((await h.http.get('/api/NothingHere').expect(404)).body).toMatchObject({ error: expect.any(String), code: 'not_found' });
  });
});

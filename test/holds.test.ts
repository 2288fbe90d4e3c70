import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { createHarness, type Harness } from './support/harness';
import { eventually } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

let h: Harness;
let scheme: TestScheme;
let outletId: string;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
});
afterAll(() => h.close());
afterEach(async () => {
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
});

const balance = async (customerId: string) =>
  (await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200)).body.ledgers[0] as { available: string; pending: string };
const hold = (customerId: string, extra: Record<string, unknown> = {}) =>
  h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, points: 300, ...extra });

describe('on-hold transactions (holdPoints workflow)', () => {
  it('holds at once, then redeems all of it', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1000);
    const held = await hold(customerId).expect(201);
    expect(held.body).toMatchObject({ status: 'HELD', pointsHeld: '300', availableBefore: '1000', availableAfter: '700', expiresAt: expect.any(String) });
    expect(await balance(customerId)).toMatchObject({ available: '700', pending: '300' });
    const redeemed = await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send({}).expect(200);
    expect(redeemed.body).toMatchObject({ status: 'REDEEMED', pointsRedeemed: '300' });
    expect(await balance(customerId)).toMatchObject({ available: '700', pending: '0' });
    const again = await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send({}).expect(200);
    expect(again.body).toEqual(redeemed.body);
  });

  it('completes the sale in the redeem: the held points pay first, capture and earn post together', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1000);
    const held = await hold(customerId).expect(201);
    const sale = { lineItems: [{ quantity: 5, unitSalePrice: 10 }], paymentMethods: [{ type: 'Cash' }] };
    const res = await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send(sale).expect(200);
    // 300 points pay 3.00; cash pays 47.00, which earns 282.
    expect(res.body).toMatchObject({ status: 'COMPLETED', uniqueId: held.body.holdId, pointsRedeemed: '300', pointsEarned: '282', pointsBefore: '1000', pointsAfter: '982' });
    expect(res.body.paymentMethods.map((p: { type: string; amount: number }) => [p.type, p.amount])).toEqual([['Cash', 47], ['Loyale Redemption', 3]]);
    expect(await balance(customerId)).toMatchObject({ available: '982', pending: '0' });
    const stored = await h.http.get(`/v1/transactions/${held.body.holdId}`).set(scheme.headers).expect(200);
    expect(stored.body).toMatchObject({ pointsEarned: '282', pointsRedeemed: '300' });

    // A small sale uses part of the hold; the rest is released.
    const small = await hold(customerId, { points: 500 }).expect(201);
    const r2 = await h.http.post(`/v1/transactions/on-hold/${small.body.holdId}/redeem`).set(scheme.headers).send({ lineItems: [{ quantity: 1, unitPrice: 1 }], paymentMethods: [{ type: 'Cash' }] }).expect(200);
    expect(r2.body).toMatchObject({ pointsRedeemed: '100', pointsEarned: '0' });
    expect(await balance(customerId)).toMatchObject({ available: '882', pending: '0' });
  });

  it('redeems part and releases the rest (Loyale alias paths)', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1000);
    const held = await h.http.post('/api/ExternalPos/OnHold').set(scheme.headers).send({ customerId, outletId, amount: 2.5 }).expect(201);
    expect(held.body.pointsHeld).toBe('250'); // 2.50 at 100 points per 1.00
    await h.http.post(`/api/ExternalPos/OnHold/${held.body.holdId}/Redeem`).set(scheme.headers).send({ points: 100 }).expect(200);
    expect(await balance(customerId)).toMatchObject({ available: '900', pending: '0' });
    await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send({ points: 50 }).expect(409);
  });

  it('removes a hold, giving the points back; removing again answers the same', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 500);
    const held = await hold(customerId).expect(201);
    const removed = await h.http.delete(`/v1/transactions/on-hold/${held.body.holdId}`).set(scheme.headers).expect(200);
    expect(removed.body.status).toBe('REMOVED');
    expect(await balance(customerId)).toMatchObject({ available: '500', pending: '0' });
    await h.http.delete(`/api/ExternalPos/OnHold/${held.body.holdId}`).set(scheme.headers).expect(200);
    await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send({}).expect(409);
  });

  it('expires by itself at its deadline; a late redeem is 409', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 500);
    const held = await hold(customerId, { expiresInSeconds: 1 }).expect(201);
    const expired = await eventually(
      () => h.http.get(`/v1/transactions/on-hold/${held.body.holdId}`).set(scheme.headers).then((r) => r),
      (r) => r.body.status === 'EXPIRED',
      20_000,
    );
    expect(expired.body.pointsRedeemed).toBe('0');
    expect(await balance(customerId)).toMatchObject({ available: '500', pending: '0' });
    const late = await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send({}).expect(409);
    expect(late.body.error.message).toMatch(/EXPIRED/);
  });

  it('survives a worker restart while held: the deadline still fires', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 500);
    const held = await hold(customerId, { expiresInSeconds: 3 }).expect(201);
    await h.stopWorker(); // nothing runs the hold now
    await new Promise((r) => setTimeout(r, 1000));
    await h.startWorker();
    const expired = await eventually(
      () => h.http.get(`/v1/transactions/on-hold/${held.body.holdId}`).set(scheme.headers).then((r) => r),
      (r) => r.body.status === 'EXPIRED',
      30_000,
    );
    expect(expired.body.pointsHeld).toBe('300');
    expect(await balance(customerId)).toMatchObject({ available: '500', pending: '0' });
  });

  it('lets exactly one of a racing redeem and remove win', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 500);
    const held = await hold(customerId).expect(201);
    const path = `/v1/transactions/on-hold/${held.body.holdId}`;
    const [r, d] = await Promise.all([
      h.http.post(`${path}/redeem`).set(scheme.headers).send({}).then((x) => x),
      h.http.delete(path).set(scheme.headers).then((x) => x),
    ]);
    expect([r.status, d.status].sort()).toEqual([200, 409]);
    const final = (await h.http.get(path).set(scheme.headers).expect(200)).body.status;
    expect(await balance(customerId)).toMatchObject(final === 'REDEEMED' ? { available: '200', pending: '0' } : { available: '500', pending: '0' });
  });

  it('refuses a second hold that would over-commit the balance, holding nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 500);
    await hold(customerId).expect(201);
    const second = await hold(customerId).expect(422);
    expect(second.body.error.message).toMatch(/Insufficient points: 200 available, 300 requested/);
    expect(await balance(customerId)).toMatchObject({ available: '200', pending: '300' });
  });

  it('is idempotent by uniqueId; another body with that uniqueId is 409', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1000);
    const uniqueId = `hold-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => hold(customerId, { uniqueId }).then((x) => x)));
    expect(results.map((x) => x.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((x) => x.body.holdId))).toEqual(new Set([uniqueId]));
    expect(await balance(customerId)).toMatchObject({ available: '700', pending: '300' });
    await hold(customerId, { uniqueId, points: 301 }).expect(409);
    await h.http.get(`/v1/transactions/on-hold/${randomUUID()}`).set(scheme.headers).expect(404);
  });
});

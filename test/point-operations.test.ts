import { randomUUID } from 'node:crypto';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { errorText } from './support/seed-examples';
import { storm } from './support/storm';
import { createHarness, type Harness } from './support/harness';

/**
 * Points moved by hand and at the till: `POST /v1/customers/:id/adjustments` (a reason, the actor kept on the
 * ledger transfer and shown in the points history) and Loyale's `POST /api/ExternalPos/TopUp` (exactly once by
 * uniqueId) — each one ledger operation, refused cleanly when it cannot be done, never posted twice.
 */
let h: Harness;
let scheme: TestScheme;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  await saleWorld(h, scheme);
});
afterAll(() => h.close());

const available = async (customerId: string) => (await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200)).body.ledgers[0].available as string;
const history = async (customerId: string) =>
  (await h.http.get(`/v1/customers/${customerId}/points-history`).query({ reason: 'adjustment', limit: 200 }).set(scheme.headers).expect(200)).body.data as Array<{ amount: string; description: string; actor: string | null; code: string }>;
const adjust = (customerId: string, body: Record<string, unknown>) => h.http.post(`/v1/customers/${customerId}/adjustments`).set(scheme.headers).send(body);
const topUp = (body: Record<string, unknown>) => h.http.post('/api/ExternalPos/TopUp').set(scheme.headers).send(body);

describe('adjustments with a reason', () => {
  it('adds and deducts with the reason in the points history and the key that did it as the actor', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 100);
    const added = await adjust(customerId, { points: 50, reason: 'Goodwill for a late delivery' }).expect(201);
    expect(added.body).toMatchObject({ customerId, points: '50', reason: 'Goodwill for a late delivery', available: '150' });
    const deducted = await adjust(customerId, { points: '-30', reason: 'Refund for cancelled order' }).expect(201);
    expect(deducted.body).toMatchObject({ points: '-30', available: '120' });
    const lines = await history(customerId);
    expect(lines.slice(0, 2).map((l) => [l.code, l.amount, l.description, l.actor])).toEqual([
      ['adjustment', '-30', 'Refund for cancelled order', scheme.keyId],
      ['adjustment', '50', 'Goodwill for a late delivery', scheme.keyId],
    ]);
  });

  it('records the admin token as the actor when ops adjust for the scheme', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    await h.http.post(`/v1/customers/${customerId}/adjustments`).set({ Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id }).send({ points: 7, reason: 'Ops correction' }).expect(201);
    expect((await history(customerId))[0]).toMatchObject({ amount: '7', actor: 'admin' });
  });

  it('never goes below zero: a deduction larger than the balance is a 422 and changes nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 20);
    const refused = await adjust(customerId, { points: -21, reason: 'Too much' }).expect(422);
    expect(refused.body.error.code).toBe('business_rule_violated');
    expect(await available(customerId)).toBe('20');
  });

  it('refuses 0, a blank reason, a fraction and an unknown field with the one error format, changing nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 10);
    for (const body of [{ points: 0, reason: 'x' }, { points: 5, reason: '  ' }, { points: 1.5, reason: 'x' }, { points: 5, reason: 'x', extra: true }, { points: '05', reason: 'x' }]) {
      const r = await adjust(customerId, body).expect(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect(await available(customerId)).toBe('10');
  });

  it("is 404 for another scheme's customer, as for an unknown one", async () => {
    const other = await createTestScheme(h);
    const theirs = await customerWithPoints(h, other, 10);
    await adjust(theirs.customerId, { points: 5, reason: 'x' }).expect(404);
    await adjust(randomUUID(), { points: 5, reason: 'x' }).expect(404);
  });

  it('is exactly once by uniqueId under a storm of 30 identical requests; another body under it is a 409', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const uniqueId = `crm-${randomUUID()}`;
    const answers = await storm(30, () => adjust(customerId, { points: 25, reason: 'Birthday', uniqueId }).then((r) => r));
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.transactionId)).size).toBe(1);
    expect(await available(customerId)).toBe('25');
    const conflict = await adjust(customerId, { points: 26, reason: 'Birthday', uniqueId }).expect(409);
    expect(conflict.body.error.code).toBe('idempotency_key_reused');
    expect(await available(customerId)).toBe('25');
  });
});

describe("Loyale's top-up", () => {
  it('adds points by barcode or id, answers the balance around it, and shows as a top-up in the history', async () => {
    const { customerId, barcode } = await customerWithPoints(h, scheme, 100);
    const r = await topUp({ customerBarcode: barcode, uniqueId: `t-${randomUUID()}`, points: 200, description: 'Welcome bonus' }).expect(201);
    expect(r.body).toMatchObject({ customerId, status: 'COMPLETED', pointsAdded: 200, pointsBefore: 100, pointsAfter: 300 });
    expect(typeof r.body.pointsAfter).toBe('number');
    await topUp({ customerId, uniqueId: `t-${randomUUID()}`, points: 5 }).expect(201);
    expect(await available(customerId)).toBe('305');
    const lines = await history(customerId);
    expect(lines.slice(0, 2).map((l) => [l.code, l.amount, l.description, l.actor])).toEqual([
      ['topup', '5', 'Top-up at the till', scheme.keyId],
      ['topup', '200', 'Welcome bonus', scheme.keyId],
    ]);
  });

  it('posts once under 50 identical requests; the same uniqueId with other points is a 409 in the Loyale shape', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const uniqueId = `till-7/${randomUUID()}`;
    const answers = await storm(50, () => topUp({ customerId, uniqueId, points: 40 }).then((r) => r));
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.transactionId)).size).toBe(1);
    expect(await available(customerId)).toBe('40');
    const conflict = await topUp({ customerId, uniqueId, points: 41 }).expect(409);
    expect(errorText(conflict.body)).toMatch(/systemUniqueKey|another|already/i);
    expect(await available(customerId)).toBe('40');
  });

  it('answers a repeat exactly as the first time, whatever was posted since; another receipt under the uniqueId is a 409', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 100);
    const body = { customerId, uniqueId: `t-${randomUUID()}`, points: 200, receiptNumber: 'R-1', date: '2026-12-03T10:00:00Z' };
    const first = await topUp(body).expect(201);
    expect(first.body).toMatchObject({ pointsBefore: 100, pointsAfter: 300 });
    await adjust(customerId, { points: -250, reason: 'Spent elsewhere' }).expect(201);
    const again = await topUp(body).expect(201);
    expect(again.body).toEqual(first.body);
    await topUp({ ...body, receiptNumber: 'R-999' }).expect(409);
    await topUp({ ...body, date: '2020-01-01T00:00:00Z' }).expect(409);
    expect(await available(customerId)).toBe('50');
  });

  it('still answers a repeat of a top-up posted before the customer was blocked, and refuses a new one', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const body = { customerId, uniqueId: `t-${randomUUID()}`, points: 15 };
    const first = await topUp(body).expect(201);
    await h.http.put(`/v1/customers/${customerId}`).set(scheme.headers).send({ status: 'BLOCKED' }).expect(200);
    expect((await topUp(body).expect(201)).body).toEqual(first.body);
    await topUp({ ...body, uniqueId: `t-${randomUUID()}` }).expect(422);
    expect(await available(customerId)).toBe('15');
  });

  it('refuses a blocked customer (422), both or neither customer reference (400) and an unknown barcode (404)', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    await h.http.put(`/v1/customers/${customerId}`).set(scheme.headers).send({ status: 'BLOCKED' }).expect(200);
    await topUp({ customerId, uniqueId: `t-${randomUUID()}`, points: 5 }).expect(422);
    await topUp({ uniqueId: `t-${randomUUID()}`, points: 5 }).expect(400);
    await topUp({ customerId, customerBarcode: '123', uniqueId: `t-${randomUUID()}`, points: 5 }).expect(400);
    await topUp({ customerBarcode: `none-${randomUUID().slice(0, 8)}`, uniqueId: `t-${randomUUID()}`, points: 5 }).expect(404);
    await topUp({ customerId, uniqueId: `t-${randomUUID()}`, points: 0 }).expect(400);
    expect(await available(customerId)).toBe('0');
  });
});

describe("Loyale's top-up of stored value", () => {
  const card = async (amount = 5) => (await h.http.post('/v1/gift-cards').set(scheme.headers).send({ amount }).expect(201)).body as { code: string };
  const cardValue = async (code: string) => (await h.http.get(`/v1/gift-cards/${code}`).set(scheme.headers).expect(200)).body as { balance: number; balanceMinor: string; holderId: string | null };

  it("adds value in the scheme's currency onto a gift card, which becomes the customer's; spent at the till with the card", async () => {
    const { customerId, barcode } = await customerWithPoints(h, scheme, 0);
    const { code } = await card(5);
    expect((await cardValue(code)).holderId).toBeNull();
    const r = await topUp({ customerBarcode: barcode, uniqueId: `v-${randomUUID()}`, value: 20.5, giftCardCode: code }).expect(201);
    expect(r.body).toMatchObject({ customerId, status: 'COMPLETED', giftCardCode: code, valueAdded: 20.5, valueBefore: 5, valueAfter: 25.5 });
    expect(r.body.pointsAdded).toBeUndefined();
    expect(await cardValue(code)).toMatchObject({ balance: 25.5, balanceMinor: '2550', holderId: customerId });
    const info = await h.http.get('/api/ExternalPos/UserInformation').query({ customerId }).set(scheme.headers).expect(200);
    expect(info.body.storedValue).toEqual({ reference: code, balance: 25.5 });
    expect(await available(customerId)).toBe('0');
    const { outletId } = await saleWorld(h, scheme);
    await h.http
      .post('/v1/transactions')
      .set(scheme.headers)
      .send({ customerId, outletId, lineItems: [{ quantity: 1, unitSalePrice: 25.5 }], paymentMethods: [{ type: 'Loyale Gift Card', reference: code, amount: 25.5 }] })
      .expect(201);
    expect((await cardValue(code)).balanceMinor).toBe('0');
  });

  it("posts once under 50 identical requests, answers a repeat as the first time, and refuses another customer's card without a change", async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const { code } = await card(1);
    const body = { customerId, uniqueId: `v-${randomUUID()}`, value: 10, giftCardCode: code };
    const answers = await storm(50, () => topUp(body).then((r) => r));
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await cardValue(code)).balanceMinor).toBe('1100');
    await topUp({ ...body, value: 11 }).expect(409);
    await topUp({ ...body, uniqueId: body.uniqueId, value: undefined, giftCardCode: undefined, points: 10 }).expect(409);

    const other = await customerWithPoints(h, scheme, 0);
    const refused = await topUp({ customerId: other.customerId, uniqueId: `v-${randomUUID()}`, value: 3, giftCardCode: code }).expect(422);
    expect(errorText(refused.body)).toMatch(/another customer/);
    expect(await cardValue(code)).toMatchObject({ balanceMinor: '1100', holderId: customerId });
  });

  it('gives a new card to the first of two customers racing to top it up; the other is refused and adds nothing', async () => {
    const a = await customerWithPoints(h, scheme, 0);
    const b = await customerWithPoints(h, scheme, 0);
    const { code } = await card(1);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => topUp({ customerId: i % 2 ? a.customerId : b.customerId, uniqueId: `v-${randomUUID()}`, value: 2, giftCardCode: code }).then((r) => r)),
    );
    const holder = (await cardValue(code)).holderId;
    expect([a.customerId, b.customerId]).toContain(holder);
    const won = answers.filter((r) => r.status === 201);
    expect(won.every((r) => r.body.customerId === holder)).toBe(true);
    expect(answers.filter((r) => r.status !== 201).map((r) => r.status)).toEqual(Array(10 - won.length).fill(422));
    expect((await cardValue(code)).balanceMinor).toBe(String(100 + 200 * won.length));
  });

  it('refuses bad stored-value input with the one error format, changing nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const { code } = await card(1);
    for (const body of [
      { value: 1 },
      { giftCardCode: code, points: 5 },
      { value: 1, giftCardCode: code, points: 5 },
      { value: 1.005, giftCardCode: code },
      { value: -1, giftCardCode: code },
    ]) {
      const r = await topUp({ customerId, uniqueId: `v-${randomUUID()}`, ...body }).expect(400);
      expect(errorText(r.body)).toBeTruthy();
    }
    await topUp({ customerId, uniqueId: `v-${randomUUID()}`, value: 1, giftCardCode: 'NO-SUCH-CARD' }).expect(404);
    expect(await cardValue(code)).toMatchObject({ balanceMinor: '100', holderId: null });
  });
});

import { registerCustomer } from '../domain/customers/register';
import { randomUUID } from 'node:crypto';
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
  ({ outletId } = await saleWorld(h, scheme, [{ match: 'category', value: 'Gifts', earnPerUnit: 0 }]));
});
afterAll(() => h.close());

const balance = async (customerId: string) =>
  Number((await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200)).body.ledgers[0].available);

describe('POST /v1/transactions (Loyale body, recordSale workflow)', () => {
  it('earns 150 points for the seed minimal example and reports it like Loyale', async () => {
    const { customerId, barcode } = await customerWithPoints(h, scheme, 7830);
    const uniqueId = `t-${randomUUID()}`;
    const res = await h.http
      .post('/api/Transaction')
      .set(scheme.headers)
      .send({ customerBarcode: barcode, outletId, uniqueId, lineItems: [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }] })
      .expect(201);
    expect(res.body).toMatchObject({
      customerId,
      status: 'COMPLETED',
      uniqueId,
      pointsEarned: 150,
      pointsRedeemed: 0,
      pointsBefore: 7830,
      pointsAfter: 7980,
      paymentMethods: [{ type: 'Unspecified', amount: 25 }],
    });
    expect(res.body.statusUrl).toMatch(new RegExp(`/v1/transactions/status/${uniqueId}$`));
    expect(await balance(customerId)).toBe(7980);
    const status = await h.http.get(`/api/transaction/status/${uniqueId}`).set(scheme.headers).expect(200);
    expect(status.body).toEqual(res.body);
    const stored = await h.http.get(`/v1/transactions/${uniqueId}`).set(scheme.headers).expect(200);
    // The stored sale answers in the hub's types: its result's points are decimal strings like its own.
    expect(stored.body).toMatchObject({ customerId, outletId, pointsEarned: '150', lines: [{ sku: 'sku-001', points: '150' }], result: { pointsEarned: '150', pointsAfter: '7980' } });
    const list = await h.http.get(`/v1/customers/${customerId}/transactions`).set(scheme.headers).expect(200);
    expect(list.body).toEqual({ data: [expect.objectContaining({ uniqueId, result: expect.objectContaining({ pointsEarned: '150' }) })], nextCursor: null });
    const v1Status = await h.http.get(`/v1/transactions/status/${uniqueId}`).set(scheme.headers).expect(200);
    expect(v1Status.body).toMatchObject({ pointsEarned: '150', pointsRedeemed: '0', pointsBefore: '7830', pointsAfter: '7980' });
  });

  it('pays with points (redemption auto-fill takes priority) and posts both legs atomically', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1050);
    const res = await h.http
      .post('/v1/transactions')
      .set(scheme.headers)
      .send({ customerId, outletId, lineItems: [{ quantity: 5, unitSalePrice: 10 }], paymentMethods: [{ type: 'Cash' }, { type: 'Loyale Redemption' }] })
      .expect(201);
    expect(res.body).toMatchObject({ pointsRedeemed: '1050', pointsEarned: '237', pointsBefore: '1050', pointsAfter: '237' });
    expect(res.body.paymentMethods.map((p: { amount: number }) => p.amount)).toEqual([39.5, 10.5]);
    expect(await balance(customerId)).toBe(237);
  });

  it('refuses a redemption beyond the balance with the seed message, posting nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 7980);
    const uniqueId = `t-${randomUUID()}`;
    const res = await h.http
      .post('/v1/transactions')
      .set(scheme.headers)
      .send({ customerId, outletId, uniqueId, lineItems: [{ quantity: 1, unitPrice: 50040 }], paymentMethods: [{ type: 'Cash', amount: 40 }, { type: 'Loyale Redemption', amount: 50000 }] })
      .expect(422);
    expect(res.body.error.message).toBe('Customer does not have enough points for redemption. Required: 5000000 Current: 7980');
    expect(await balance(customerId)).toBe(7980);
    const status = await h.http.get(`/v1/transactions/status/${uniqueId}`).set(scheme.headers).expect(200);
    expect(status.body).toMatchObject({ status: 'FAILED', error: { code: 'business_rule_violated', message: res.body.error.message } });
    await h.http.get(`/v1/transactions/${uniqueId}`).set(scheme.headers).expect(404);
  });

  it('simulate=true computes the same result and changes nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 100);
    const body = { customerId, outletId, uniqueId: `t-${randomUUID()}`, lineItems: [{ quantity: 2, unitPrice: 12.5, categories: ['Gifts'] }, { quantity: 1, unitPrice: 10 }] };
    const sim = await h.http.post('/v1/transactions?simulate=true').set(scheme.headers).send(body).expect(200);
    expect(sim.body).toMatchObject({ status: 'SIMULATED', pointsEarned: '60', pointsAfter: '160' });
    expect(await balance(customerId)).toBe(100);
    await h.http.get(`/v1/transactions/${body.uniqueId}`).set(scheme.headers).expect(404);
    const real = await h.http.post('/v1/transactions').set(scheme.headers).send(body).expect(201);
    expect({ ...real.body, status: 'SIMULATED' }).toEqual({ ...sim.body, statusUrl: real.body.statusUrl });
  });

  it('posts once when the same uniqueId is sent 50 times at once; another body is 409', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const body = { customerId, outletId, uniqueId: `t-${randomUUID()}`, lineItems: [{ quantity: 1, unitPrice: 10 }] };
    const results = await Promise.all(Array.from({ length: 50 }, () => h.http.post('/v1/transactions').set(scheme.headers).send(body).then((r) => r)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await balance(customerId)).toBe(60);
    const other = await h.http.post('/v1/transactions').set(scheme.headers).send({ ...body, lineItems: [{ quantity: 2, unitPrice: 10 }] });
    expect(other.status).toBe(409);
    expect(await balance(customerId)).toBe(60);
  });

  it.each([
    ['an unknown customer', (c: string) => ({ customerId: randomUUID(), outletId: c }), 404],
    ['an unknown outlet', (_c: string) => ({ outletId: randomUUID() }), 404],
    ['an unknown coupon', (c: string) => ({ outletId: c, coupons: ['7652874580312'] }), 422],
    ['payments that do not add up', (c: string) => ({ outletId: c, paymentMethods: [{ type: 'Cash', amount: 1 }] }), 400],
    ['no customer', (c: string) => ({ outletId: c, customerId: undefined }), 400],
  ])('answers %s with its status and posts nothing', async (_what, patch, status) => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const res = await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, lineItems: [{ quantity: 1, unitPrice: 10 }], ...patch(outletId) });
    expect(res.status).toBe(status);
    expect(res.body.error).toBeDefined();
    expect(await balance(customerId)).toBe(0);
  });

  it('refuses a blocked customer with 422', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    await h.http.put(`/v1/customers/${customerId}`).set(scheme.headers).send({ status: 'BLOCKED' }).expect(200);
    const res = await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(422);
    expect(res.body.error.message).toBe('The customer is blocked');
  });
});

describe('gift cards', () => {
  it('pays part of a sale with a gift card: the card is debited, that part earns nothing', async () => {
    const card = await h.http.post('/v1/gift-cards').set(scheme.headers).send({ amount: 25 }).expect(201);
    expect(card.body).toMatchObject({ balance: 25, balanceMinor: '2500' });
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const res = await h.http
      .post('/v1/transactions')
      .set(scheme.headers)
      .send({ customerId, outletId, lineItems: [{ quantity: 5, unitSalePrice: 10 }], paymentMethods: [{ type: 'Cash', amount: 40 }, { type: 'Loyale Gift Card', reference: card.body.code, amount: 10 }] })
      .expect(201);
    expect(res.body).toMatchObject({ pointsEarned: '240', pointsRedeemed: '0' });
    expect((await h.http.get(`/v1/gift-cards/${card.body.code}`).set(scheme.headers).expect(200)).body.balance).toBe(15);
  });

  it('refuses a gift card payment beyond its balance, or an unknown card, posting nothing', async () => {
    const card = await h.http.post('/v1/gift-cards').set(scheme.headers).send({ amount: 5, code: `GC-${Date.now()}` }).expect(201);
    await h.http.post('/v1/gift-cards').set(scheme.headers).send({ amount: 5, code: card.body.code }).expect(409);
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const sale = (reference: string) => ({ customerId, outletId, lineItems: [{ quantity: 1, unitPrice: 10 }], paymentMethods: [{ type: 'Loyale Gift Card', reference }] });
    const tooMuch = await h.http.post('/v1/transactions').set(scheme.headers).send(sale(card.body.code)).expect(422);
    expect(tooMuch.body.error.message).toBe(`Gift card ${card.body.code} does not have enough balance. Required: 10 Current: 5`);
    await h.http.post('/v1/transactions').set(scheme.headers).send(sale('NO-SUCH-CARD')).expect(422);
    expect((await h.http.get(`/v1/gift-cards/${card.body.code}`).set(scheme.headers).expect(200)).body.balance).toBe(5);
    expect(await balance(customerId)).toBe(0);
    await h.http.get('/v1/gift-cards/NO-SUCH-CARD').set(scheme.headers).expect(404);
  });
});

describe('coupons', () => {
  it('validates and consumes a coupon once; a second sale with it is 422 and posts nothing', async () => {
    const coupon = await h.http.post('/v1/coupons').set(scheme.headers).send({ type: 'amount_off', value: 500 }).expect(201);
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const sale = () => ({ customerId, outletId, lineItems: [{ quantity: 1, unitPrice: 10 }], coupons: [coupon.body.code] });
    const first = await h.http.post('/v1/transactions').set(scheme.headers).send(sale()).expect(201);
    const used = await h.http.get(`/v1/coupons/${coupon.body.code}`).set(scheme.headers).expect(200);
    expect(used.body).toMatchObject({ usedBy: first.body.uniqueId, usedAt: expect.any(String) });
    const second = await h.http.post('/v1/transactions').set(scheme.headers).send(sale()).expect(422);
    expect(second.body.error.message).toBe(`Coupon ${coupon.body.code} was already used`);
    expect(await balance(customerId)).toBe(60);
  });

  it("refuses another customer's, an expired and a not-yet-valid coupon", async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const other = await customerWithPoints(h, scheme, 0);
    const make = async (extra: Record<string, unknown>) => (await h.http.post('/v1/coupons').set(scheme.headers).send({ type: 'percent_off', value: 10, ...extra }).expect(201)).body.code;
    const cases: Array<[string, string]> = [
      [await make({ customerId: other.customerId }), 'belongs to another customer'],
      [await make({ validTo: new Date(Date.now() - 60_000).toISOString() }), 'has expired'],
      [await make({ validFrom: new Date(Date.now() + 3_600_000).toISOString() }), 'is not valid yet'],
    ];
    for (const [code, why] of cases) {
      const res = await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, lineItems: [{ quantity: 1, unitPrice: 10 }], coupons: [code] }).expect(422);
      expect(res.body.error.message).toBe(`Coupon ${code} ${why}`);
    }
    expect(await balance(customerId)).toBe(0);
  });
});

describe('a second body for a uniqueId still processing', () => {
  it('is refused with 409 at once, not given the first body’s 202', async () => {
    const slow = await createHarness({ worker: false, deadlineMs: 1000 });
    try {
      const s = await createTestScheme(slow);
      const { outletId: o } = await saleWorld(slow, s);
      const customerId = await customerWithPointsNoWorkflow(slow, s);
      const uniqueId = `t-${randomUUID()}`;
      const body = { customerId, outletId: o, uniqueId, lineItems: [{ quantity: 1, unitPrice: 10 }] };
      await slow.http.post('/v1/transactions').set(s.headers).send(body).expect(202);
      await slow.http.post('/v1/transactions').set(s.headers).send(body).expect(202);
      const other = await slow.http.post('/v1/transactions').set(s.headers).send({ ...body, lineItems: [{ quantity: 2, unitPrice: 10 }] }).expect(409);
      expect(other.body.error.message).toBe('This uniqueId was already used for a different transaction');
    } finally {
      await slow.close();
    }
  });
});

describe('with the API and the worker apart', () => {
  it('posts a sale started the ordinary way (no eager start): the worker takes it from the task queue', async () => {
    const apart = await createHarness({ apart: true });
    try {
      const s = await createTestScheme(apart);
      const { outletId: o } = await saleWorld(apart, s);
      const { customerId } = await customerWithPoints(apart, s, 0);
      const res = await apart.http.post('/v1/transactions').set(s.headers).send({ customerId, outletId: o, lineItems: [{ quantity: 5, unitPrice: 5 }] }).expect(201);
      expect(res.body).toMatchObject({ pointsEarned: '150', pointsAfter: '150' });
      const metrics = (await apart.http.get('/metrics').expect(200)).text;
      expect(metrics).toContain('hub_workflow_starts_total{workflow="recordSale",eager="false"} 1');
    } finally {
      await apart.close();
    }
  });
});

describe('the 202 path', () => {
  it('answers RECEIVED when the workflow is slow, and the status URL follows it to COMPLETED', async () => {
    const slow = await createHarness({ worker: false, deadlineMs: 1000 });
    try {
      const s = await createTestScheme(slow);
      const { outletId: o } = await saleWorld(slow, s);
      const created = await customerWithPointsNoWorkflow(slow, s);
      const uniqueId = `t-${randomUUID()}`;
      const res = await slow.http.post('/v1/transactions').set(s.headers).send({ customerId: created, outletId: o, uniqueId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(202);
      expect(res.body).toMatchObject({ status: 'RECEIVED', uniqueId });
      const processing = await slow.http.get(`/v1/transactions/status/${uniqueId}`).set(s.headers).expect(200);
      expect(processing.body.status).toBe('PROCESSING');
      await slow.startWorker();
      const done = await eventually(() => slow.http.get(`/v1/transactions/status/${uniqueId}`).set(s.headers).then((r) => r), (r) => r.body.status === 'COMPLETED');
      expect(done.body).toMatchObject({ pointsEarned: '60', uniqueId });
    } finally {
      await slow.close();
    }
  });
});

/** Without a worker the customer workflow cannot run either: create the customer through the repository. */
async function customerWithPointsNoWorkflow(harness: Harness, s: TestScheme): Promise<string> {
  const c = await registerCustomer(harness.repos.registrations, { schemeId: s.id, customer: {}, idempotencyKey: randomUUID(), requestHash: 'x' });
  return c.id;
}

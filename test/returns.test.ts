import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { eventually } from './support/child-process';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

let h: Harness;
let scheme: TestScheme;
let outletId: string;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme, [{ match: 'sku', value: 'double', earnPerUnit: 12 }]));
});
afterAll(() => h.close());
// Every return is checked against the ledger's own invariants (ledger:verify).
afterEach(async () => {
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
});

const balances = async (s: TestScheme, customerId: string) => {
  const l = (await h.http.get(`/v1/customers/${customerId}/balance`).set(s.headers).expect(200)).body.ledgers[0];
  return { available: Number(l.available), pendingEarned: Number(l.pendingEarned) };
};
const balance = async (customerId: string) => (await balances(scheme, customerId)).available;

async function sale(s: TestScheme, outlet: string, customerId: string, lineItems: unknown[], extra: Record<string, unknown> = {}) {
  const uniqueId = `sale-${randomUUID()}`;
  const res = await h.http.post('/v1/transactions').set(s.headers).send({ customerId, outletId: outlet, uniqueId, lineItems, ...extra }).expect(201);
  return { uniqueId, result: res.body };
}

describe('full returns', () => {
  it("take back exactly the original sale's points and answer like Loyale (alias path)", async () => {
    const { customerId } = await customerWithPoints(h, scheme, 7980);
    const { uniqueId } = await sale(scheme, outletId, customerId, [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }]);
    expect(await balance(customerId)).toBe(8130);
    // Today's rules changing must not change what the return takes back.
    await h.http.put(`/v1/schemes/${scheme.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 1, redeemPointsPerUnit: 100 }).expect(200);
    try {
      const res = await h.http.post(`/api/Transaction/Return/Full/${uniqueId}`).set(scheme.headers).expect(201);
      expect(res.body).toMatchObject({
        pointsDeducted: 150,
        pointsReadded: 0,
        returnType: `Full Transaction: ${uniqueId}`,
        usedPaymentMethods: [{ type: 'Unspecified', amount: 25 }],
        pointsBefore: 8130,
        pointsAfter: 7980,
        customerId,
        status: 'COMPLETED',
        shortfall: 0,
      });
    } finally {
      await h.http.put(`/v1/schemes/${scheme.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, overrides: [{ match: 'sku', value: 'double', earnPerUnit: 12 }] }).expect(200);
    }
    expect(await balance(customerId)).toBe(7980);
    const stored = await h.http.get(`/v1/transactions/${uniqueId}`).set(scheme.headers).expect(200);
    expect(stored.body).toMatchObject({ fullyReturned: true, returnable: [{ sku: 'sku-001', quantity: 5, returned: 5, returnable: 0, pointsReturnable: '0' }] });
    expect(stored.body.returns).toHaveLength(1);
    expect(stored.body.returns[0]).toMatchObject({ kind: 'full', result: { pointsDeducted: '150' } });
  });

  it('re-adds redeemed points and refunds each payment method', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1050);
    const { uniqueId, result } = await sale(scheme, outletId, customerId, [{ quantity: 5, unitSalePrice: 10 }], { paymentMethods: [{ type: 'Cash' }, { type: 'Loyale Redemption' }] });
    expect(result).toMatchObject({ pointsRedeemed: '1050', pointsEarned: '237' });
    const res = await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(scheme.headers).send({}).expect(201);
    expect(res.body).toMatchObject({ pointsDeducted: '237', pointsReadded: '1050', pointsBefore: '237', pointsAfter: '1050' });
    expect(res.body.usedPaymentMethods).toEqual([{ type: 'Cash', amount: 39.5 }, { type: 'Loyale Redemption', amount: 10.5 }]);
    expect(await balance(customerId)).toBe(1050);
  });

  it('refunds a gift-card payment to the card and makes a used coupon usable again', async () => {
    const card = await h.http.post('/v1/gift-cards').set(scheme.headers).send({ amount: 25 }).expect(201);
    const coupon = await h.http.post('/v1/coupons').set(scheme.headers).send({ type: 'amount_off', value: 100 }).expect(201);
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const { uniqueId } = await sale(scheme, outletId, customerId, [{ quantity: 2, sku: 'a', unitPrice: 10 }], {
      paymentMethods: [{ type: 'Cash', amount: 10 }, { type: 'Loyale Gift Card', reference: card.body.code, amount: 10 }],
      coupons: [coupon.body.code],
    });
    expect((await h.http.get(`/v1/gift-cards/${card.body.code}`).set(scheme.headers).expect(200)).body.balance).toBe(15);
    // A line-item return refunds its share and keeps the coupon used.
    const part = await h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(scheme.headers).send({ sku: 'a', quantity: 1 }).expect(201);
    expect(part.body.usedPaymentMethods).toEqual([{ type: 'Cash', amount: 5 }, { type: 'Loyale Gift Card', amount: 5, reference: card.body.code }]);
    expect((await h.http.get(`/v1/gift-cards/${card.body.code}`).set(scheme.headers).expect(200)).body.balance).toBe(20);
    expect((await h.http.get(`/v1/coupons/${coupon.body.code}`).set(scheme.headers).expect(200)).body.usedBy).toBe(uniqueId);
    await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(scheme.headers).expect(201);
    expect((await h.http.get(`/v1/gift-cards/${card.body.code}`).set(scheme.headers).expect(200)).body.balance).toBe(25);
    expect((await h.http.get(`/v1/coupons/${coupon.body.code}`).set(scheme.headers).expect(200)).body).toMatchObject({ usedBy: null, usedAt: null });
    expect(await balance(customerId)).toBe(0);
  });
});

describe('line-item returns', () => {
  it('returning every unit one by one deducts exactly the line total (floored cumulative shares)', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    // 3 × 1.11 = 3.33 at 6/unit → 19 points; units are worth 6, 6, 7.
    const { uniqueId, result } = await sale(scheme, outletId, customerId, [{ quantity: 3, sku: 'odd', unitPrice: 1.11 }, { quantity: 1, sku: 'double', unitPrice: 2 }]);
    expect(result.pointsEarned).toBe(String(19 + 24));
    const deducted = [];
    for (let i = 0; i < 3; i++) {
      const res = await h.http.post(`/api/Transaction/Return/LineItem/${uniqueId}`).set(scheme.headers).send({ sku: 'odd', quantity: 1, uniqueId: `r-${uniqueId}-${i}` }).expect(201);
      expect(res.body.returnType).toBe(`Line Item: ${uniqueId}`);
      deducted.push(res.body.pointsDeducted);
    }
    expect(deducted).toEqual([6, 6, 7]);
    const more = await h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(scheme.headers).send({ sku: 'odd', quantity: 1, uniqueId: `r-${uniqueId}-x` }).expect(409);
    expect(more.body.error.message).toBe(`Only 0 unit(s) of SKU odd remain returnable in transaction ${uniqueId}; 1 requested`);
    // The override line keeps its recorded rate (12/unit).
    const rest = await h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(scheme.headers).send({ lines: [{ sku: 'double', quantity: 1 }] }).expect(201);
    expect(rest.body.pointsDeducted).toBe('24');
    expect(await balance(customerId)).toBe(0);
    await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(scheme.headers).send({ uniqueId: `r-${uniqueId}-full` }).expect(409);
  });

  it('refuses over-returns, unknown SKUs and unknown transactions, changing nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const { uniqueId } = await sale(scheme, outletId, customerId, [{ quantity: 2, sku: 'x', unitPrice: 10 }]);
    const cases: Array<[string, unknown, number]> = [
      [`/v1/transactions/${uniqueId}/returns/line-item`, { sku: 'x', quantity: 3 }, 409],
      [`/v1/transactions/${uniqueId}/returns/line-item`, { sku: 'nope', quantity: 1 }, 422],
      [`/v1/transactions/${uniqueId}/returns/line-item`, { sku: 'x', quantity: 0 }, 400],
      [`/v1/transactions/${uniqueId}/returns/line-item`, { sku: 'x', quantity: 1, extra: true }, 400],
      ['/v1/transactions/no-such-sale/returns/full', {}, 404],
    ];
    for (const [path, body, status] of cases) {
      const res = await h.http.post(path).set(scheme.headers).send(body as object).expect(status);
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect(await balance(customerId)).toBe(120);
    const stored = await h.http.get(`/v1/transactions/${uniqueId}`).set(scheme.headers).expect(200);
    expect(stored.body).toMatchObject({ fullyReturned: false, returns: [], returnable: [{ returnable: 2 }] });
  });

  it('concurrent returns of one line never return more than was bought', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const { uniqueId } = await sale(scheme, outletId, customerId, [{ quantity: 3, sku: 'c', unitPrice: 10 }]);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(scheme.headers).send({ sku: 'c', quantity: 1, uniqueId: `c-${uniqueId}-${i}` }).then((r) => r.status),
      ),
    );
    expect(results.filter((s) => s === 201)).toHaveLength(3);
    expect(results.filter((s) => s === 409)).toHaveLength(3);
    expect(await balance(customerId)).toBe(0);
  });
});

describe('idempotency and simulate', () => {
  it('a repeated return (same uniqueId, or no uniqueId and the same body) deducts once; another body under the uniqueId is 409', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const { uniqueId } = await sale(scheme, outletId, customerId, [{ quantity: 4, sku: 'r', unitPrice: 10 }]);
    const path = `/v1/transactions/${uniqueId}/returns/line-item`;
    const same = await Promise.all(Array.from({ length: 8 }, () => h.http.post(path).set(scheme.headers).send({ sku: 'r', quantity: 1, uniqueId: `ret-${uniqueId}` }).then((r) => r)));
    expect(new Set(same.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(same.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await balance(customerId)).toBe(180);
    await h.http.post(path).set(scheme.headers).send({ sku: 'r', quantity: 2, uniqueId: `ret-${uniqueId}` }).expect(409);
    // Without a uniqueId the body names the return: a retry is the same return.
    const a = await h.http.post(path).set(scheme.headers).send({ sku: 'r', quantity: 2 }).expect(201);
    const b = await h.http.post(path).set(scheme.headers).send({ sku: 'r', quantity: 2 }).expect(201);
    expect(b.body).toEqual(a.body);
    expect(await balance(customerId)).toBe(60);
  });

  it('simulate answers what the return would do and changes nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 500);
    const { uniqueId } = await sale(scheme, outletId, customerId, [{ quantity: 2, sku: 's', unitPrice: 10 }]);
    const sim = await h.http.post(`/v1/transactions/${uniqueId}/returns/full?simulate=true`).set(scheme.headers).send({ uniqueId: 'sim-1' }).expect(200);
    expect(sim.body).toMatchObject({ status: 'SIMULATED', pointsDeducted: '120', pointsBefore: '620', pointsAfter: '500' });
    expect(await balance(customerId)).toBe(620);
    expect((await h.http.get(`/v1/transactions/${uniqueId}`).set(scheme.headers).expect(200)).body.returns).toEqual([]);
    const real = await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(scheme.headers).send({ uniqueId: 'sim-1' }).expect(201);
    expect({ ...real.body, status: 'SIMULATED' }).toEqual(sim.body);
  });
});

describe('custom returns', () => {
  it('price the returned items with the current rules, with no original transaction (alias path)', async () => {
    const { customerId, barcode } = await customerWithPoints(h, scheme, 1000);
    const body = { customerBarcode: barcode, outletId, uniqueId: `cr-${randomUUID()}`, lineItems: [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }] };
    const sim = await h.http.post('/api/Transaction/Return/Custom?simulate=true').set(scheme.headers).send(body).expect(200);
    expect(sim.body).toMatchObject({ pointsDeducted: 150, returnType: 'Custom', pointsAfter: 850 });
    const res = await h.http.post('/v1/transactions/returns/custom').set(scheme.headers).send(body).expect(201);
    expect(res.body).toMatchObject({ pointsDeducted: '150', pointsBefore: '1000', pointsAfter: '850', customerId, usedPaymentMethods: [{ type: 'Unspecified', amount: 25 }] });
    await h.http.post('/v1/transactions/returns/custom').set(scheme.headers).send(body).expect(201);
    expect(await balance(customerId)).toBe(850);
    await h.http.post('/v1/transactions/returns/custom').set(scheme.headers).send({ ...body, uniqueId: `cr-${randomUUID()}`, lineItems: [{ quantity: -1, unitPrice: 5 }] }).expect(400);
    await h.http.post('/v1/transactions/returns/custom').set(scheme.headers).send({ ...body, uniqueId: undefined, paymentMethods: [{ type: 'Loyale Redemption' }] }).expect(400);
    // The same uniqueId for other items is refused, not applied.
    await h.http.post('/v1/transactions/returns/custom').set(scheme.headers).send({ ...body, lineItems: [{ quantity: 1, sku: 'sku-001', unitPrice: 5 }] }).expect(409);
    expect(await balance(customerId)).toBe(850);
  });
});

describe('return policies', () => {
  it('within_balance (default) takes what is available and records the shortfall', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const { uniqueId } = await sale(scheme, outletId, customerId, [{ quantity: 1, sku: 'p', unitPrice: 25 }]);
    const w = (await h.http.get(`/v1/customers/${customerId}`).set(scheme.headers).expect(200)).body.wallets[0];
    await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/burn`).set(scheme.headers).send({ amount: 100 }).expect(201);
    const res = await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(scheme.headers).expect(201);
    expect(res.body).toMatchObject({ pointsDeducted: '50', shortfall: '100', pointsBefore: '50', pointsAfter: '0' });
    expect(await balance(customerId)).toBe(0);
  });

  it('allow_negative lets the balance go below zero', async () => {
    const neg = await createTestScheme(h);
    const { outletId: o } = await saleWorld(h, neg);
    await h.http.put(`/v1/schemes/${neg.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnPolicy: 'allow_negative' }).expect(200);
    const { customerId } = await customerWithPoints(h, neg, 0);
    const { uniqueId } = await sale(neg, o, customerId, [{ quantity: 1, sku: 'p', unitPrice: 25 }]);
    const w = (await h.http.get(`/v1/customers/${customerId}`).set(neg.headers).expect(200)).body.wallets[0];
    await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/burn`).set(neg.headers).send({ amount: 100 }).expect(201);
    const res = await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(neg.headers).expect(201);
    expect(res.body).toMatchObject({ pointsDeducted: '150', shortfall: '0', pointsBefore: '50', pointsAfter: '-100' });
    expect((await balances(neg, customerId)).available).toBe(-100);
    expect(await verifyLedger(h.orm, neg.id)).toEqual([]);
  });
});

describe('pending points (return window)', () => {
  it('posts earned points as pending, voids them first on a return inside the window, and activates the rest when it ends', async () => {
    const win = await createTestScheme(h);
    const { outletId: o } = await saleWorld(h, win);
    await h.http.put(`/v1/schemes/${win.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnWindowSeconds: 3 }).expect(200);
    const { customerId } = await customerWithPoints(h, win, 40);
    const { uniqueId, result } = await sale(win, o, customerId, [{ quantity: 5, sku: 'w', unitPrice: 5 }]);
    expect(result).toMatchObject({ pointsEarned: '150', pointsPending: '150', pointsBefore: '40', pointsAfter: '40', pendingUntil: expect.any(String) });
    expect(await balances(win, customerId)).toEqual({ available: 40, pendingEarned: 150 });
    // Pending points cannot be spent.
    await h.http.post('/v1/transactions').set(win.headers).send({ customerId, outletId: o, lineItems: [{ quantity: 1, unitPrice: 1 }], paymentMethods: [{ type: 'Loyale Redemption', amount: 1 }] }).expect(422);

    const part = await h.http.post(`/v1/transactions/${uniqueId}/returns/line-item`).set(win.headers).send({ sku: 'w', quantity: 1 }).expect(201);
    expect(part.body).toMatchObject({ pointsDeducted: '30', pendingPointsVoided: '30', pendingPointsAfter: '120', pointsBefore: '40', pointsAfter: '40' });
    expect(await balances(win, customerId)).toEqual({ available: 40, pendingEarned: 120 });
    expect(await verifyLedger(h.orm, win.id)).toEqual([]);

    // The sale's window workflow (a durable timer) activates what is left.
    const after = await eventually(() => balances(win, customerId), (b) => b.pendingEarned === 0, 15_000);
    expect(after).toEqual({ available: 160, pendingEarned: 0 });
    const stored = await h.http.get(`/v1/transactions/${uniqueId}`).set(win.headers).expect(200);
    expect(stored.body).toMatchObject({ pendingPoints: '0', pendingUntil: null });

    // After the window, a return takes from the available balance.
    const rest = await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(win.headers).expect(201);
    expect(rest.body).toMatchObject({ pointsDeducted: '120', pendingPointsVoided: '0', pointsBefore: '160', pointsAfter: '40' });
    expect(await verifyLedger(h.orm, win.id)).toEqual([]);
  });

  it('a full return inside the window voids all pending points; the window then has nothing to activate', async () => {
    const win = await createTestScheme(h);
    const { outletId: o } = await saleWorld(h, win);
    await h.http.put(`/v1/schemes/${win.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnWindowSeconds: 2 }).expect(200);
    const { customerId } = await customerWithPoints(h, win, 0);
    const { uniqueId } = await sale(win, o, customerId, [{ quantity: 2, sku: 'v', unitPrice: 10 }]);
    const res = await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(win.headers).expect(201);
    expect(res.body).toMatchObject({ pointsDeducted: '120', pendingPointsVoided: '120', pendingPointsAfter: '0', shortfall: '0' });
    const handle = h.client.workflow.getHandle(`sale/${win.id}/${uniqueId}/pending-points`);
    expect(await handle.result()).toBe('0');
    expect(await balances(win, customerId)).toEqual({ available: 0, pendingEarned: 0 });
    expect(await verifyLedger(h.orm, win.id)).toEqual([]);
  });

  it('a sale completed through an on-hold redeem gets the same window', async () => {
    const win = await createTestScheme(h);
    const { outletId: o } = await saleWorld(h, win);
    await h.http.put(`/v1/schemes/${win.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnWindowSeconds: 2 }).expect(200);
    const { customerId } = await customerWithPoints(h, win, 1000);
    const held = await h.http.post('/v1/transactions/on-hold').set(win.headers).send({ customerId, outletId: o, points: 300 }).expect(201);
    const res = await h.http
      .post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`)
      .set(win.headers)
      .send({ lineItems: [{ quantity: 5, sku: 'h', unitSalePrice: 10 }], paymentMethods: [{ type: 'Cash' }] })
      .expect(200);
    // 300 points pay 3.00; cash pays 47.00, which earns 282 — pending for the window.
    expect(res.body).toMatchObject({ pointsRedeemed: '300', pointsEarned: '282', pointsPending: '282', pointsBefore: '1000', pointsAfter: '700' });
    expect(await balances(win, customerId)).toEqual({ available: 700, pendingEarned: 282 });
    const after = await eventually(() => balances(win, customerId), (b) => b.pendingEarned === 0, 15_000);
    expect(after).toEqual({ available: 982, pendingEarned: 0 });
    expect(await verifyLedger(h.orm, win.id)).toEqual([]);
  });
});

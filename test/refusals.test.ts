import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { workflowIds } from '../workflows/contracts/registry';
import { searchAttributes } from '../workflows/contracts/search-attributes';
import { createHarness, type Harness } from './support/harness';
import { eventually } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
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

const q = <T>(sql: string, params: unknown[]) => h.orm.em.fork().getConnection().execute(sql, params, 'all') as Promise<T[]>;
const balance = async (customerId: string) => (await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200)).body.ledgers[0] as { available: string; pending: string };

/** The workflow answered the refusal: it completed (not failed), and its Outcome search attribute says why. */
async function expectCompletedWithRefusal(workflowId: string, type: string) {
  const d = await h.client.workflow.getHandle(workflowId).describe();
  expect(d.status.name).toBe('COMPLETED');
  expect(d.typedSearchAttributes.get(searchAttributes.outcome)).toEqual(['refused', type]);
  const result = (await h.client.workflow.getHandle(workflowId).result()) as { outcome: string; refusal: { type: string } };
  expect(result).toMatchObject({ outcome: 'refused', refusal: { type } });
}

async function expectNoWorkflow(workflowId: string) {
  await expect(h.client.workflow.getHandle(workflowId).describe()).rejects.toThrow(/not found/i);
}

describe('a business refusal is an answer, not a failed workflow', () => {
  it('refuses a sale beyond the balance as documented; the workflow completes with the refusal and nothing is posted', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 100);
    const uniqueId = `refused-${randomUUID()}`;
    const body = { customerId, outletId, uniqueId, lineItems: [{ quantity: 1, unitPrice: 20 }], paymentMethods: [{ type: 'Cash', amount: 10 }, { type: 'Loyale Redemption', amount: 10 }] };
    const res = await h.http.post('/v1/transactions').set(scheme.headers).send(body).expect(422);
    expect(res.body.error).toMatchObject({ code: 'business_rule_violated', message: 'Customer does not have enough points for redemption. Required: 1000 Current: 100' });
    await expectCompletedWithRefusal(workflowIds.recordSale(scheme.id, uniqueId), 'business_rule_violated');
    expect(await q('select 1 from sales where scheme_id = ? and unique_id = ?', [scheme.id, uniqueId])).toEqual([]);
    expect(await q("select 1 from transfers where scheme_id = ? and system_unique_key like ?", [scheme.id, `sale/${uniqueId}%`])).toEqual([]);
    expect(await balance(customerId)).toMatchObject({ available: '100', pending: '0' });
    const status = await h.http.get(`/v1/transactions/status/${uniqueId}`).set(scheme.headers).expect(200);
    expect(status.body).toMatchObject({ status: 'FAILED', error: { code: 'business_rule_violated' } });

    // A refusal consumed nothing: once the customer has the points, the same request is judged afresh.
    const w = (await h.http.get(`/v1/customers/${customerId}`).set(scheme.headers).expect(200)).body.wallets[0];
    await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/mint`).set(scheme.headers).send({ amount: 900 }).expect(201);
    const again = await h.http.post('/v1/transactions').set(scheme.headers).send(body).expect(201);
    expect(again.body).toMatchObject({ uniqueId, pointsRedeemed: '1000', pointsAfter: '60' });
    expect(await balance(customerId)).toMatchObject({ available: '60' });
  });

  it('refuses a hold beyond the balance; the hold workflow completes refused and holds nothing', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 50);
    const uniqueId = `hold-refused-${randomUUID()}`;
    const res = await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, uniqueId, points: 80 }).expect(422);
    expect(res.body.error.message).toMatch(/Insufficient points: 50 available, 80 requested/);
    await expectCompletedWithRefusal(workflowIds.holdPoints(scheme.id, uniqueId), 'business_rule_violated');
    expect(await balance(customerId)).toMatchObject({ available: '50', pending: '0' });
    // The same hold once there are points: judged afresh.
    const w = (await h.http.get(`/v1/customers/${customerId}`).set(scheme.headers).expect(200)).body.wallets[0];
    await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/mint`).set(scheme.headers).send({ amount: 50 }).expect(201);
    await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, uniqueId, points: 80 }).expect(201);
    expect(await balance(customerId)).toMatchObject({ available: '20', pending: '80' });
  });

  it('refuses a return of more than remains; the return workflow completes refused and nothing moves', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const saleId = `sale-${randomUUID()}`;
    await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId: saleId, lineItems: [{ quantity: 2, sku: 'k', unitPrice: 5 }] }).expect(201);
    const returnId = `ret-${randomUUID()}`;
    await h.http.post(`/v1/transactions/${saleId}/returns/line-item`).set(scheme.headers).send({ sku: 'k', quantity: 3, uniqueId: returnId }).expect(409);
    await expectCompletedWithRefusal(workflowIds.returnSale(scheme.id, saleId, returnId), 'conflict');
    expect(await q('select 1 from returns where scheme_id = ? and unique_id = ?', [scheme.id, returnId])).toEqual([]);
    expect(await balance(customerId)).toMatchObject({ available: '60' });
  });

  it('refuses a registration with a taken email; the workflow completes refused and no second customer exists', async () => {
    const body = customerBody();
    await h.http.post('/v1/customers').set(scheme.headers).send(body).expect(201);
    const key = `dup-${randomUUID()}`;
    const res = await h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', key).send(customerBody({ email: body.email })).expect(409);
    expect(res.body.error.code).toBe('conflict');
    // Its id holds the request's hash; the run is found by the key (visibility catches up within moments).
    const refused = await eventually(async () => {
      for await (const wf of h.client.workflow.list({ query: `SchemeId = "${scheme.id}" AND WorkflowType = "createCustomer"` })) if (wf.workflowId.includes(`/${key}/`)) return wf.workflowId;
      return null;
    }, (id) => id !== null);
    await expectCompletedWithRefusal(refused as string, 'conflict');
    expect(await q('select count(*)::int as n from customers where scheme_id = ? and lower(email) = lower(?)', [scheme.id, body.email])).toEqual([{ n: 1 }]);
  });

  it('refuses a ledger burn beyond the balance; the ledger workflow completes refused', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 5);
    const w = (await h.http.get(`/v1/customers/${customerId}`).set(scheme.headers).expect(200)).body.wallets[0];
    const key = `burn-${randomUUID()}`;
    await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}/burn`).set(scheme.headers).send({ amount: 6, systemUniqueKey: key }).expect(422);
    const runs = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of h.client.workflow.list({ query: `SchemeId = "${scheme.id}" AND UniqueId = "${key}"` })) ids.push(wf.workflowId);
      return ids;
    }, (ids) => ids.length > 0);
    expect(runs).toHaveLength(1);
    await expectCompletedWithRefusal(runs[0] as string, 'business_rule_violated');
    expect(await balance(customerId)).toMatchObject({ available: '5' });
  });
});

describe('what needs no database is refused before any workflow starts', () => {
  it.each([
    ['a price with more decimals than the currency', { lineItems: [{ quantity: 1, unitPrice: 1.005 }] }, /at most 2 decimals/],
    ['payments that do not add up', { lineItems: [{ quantity: 1, unitPrice: 10 }], paymentMethods: [{ type: 'Cash', amount: 4 }, { type: 'Card', amount: 5 }] }, /add up to 9 but the line items total 10/],
    ['two payments without an amount', { lineItems: [{ quantity: 1, unitPrice: 10 }], paymentMethods: [{ type: 'Cash' }, { type: 'Card' }] }, /Only one payment method may omit its amount/],
    ['quantity × price beyond the ledger bound', { lineItems: [{ quantity: 2147483647, unitPrice: 99999999 }] }, /quantity × unit price exceeds 18446744073709/],
    ['a NUL character in a line', { lineItems: [{ quantity: 1, unitPrice: 1, sku: 'a\u0000b' }] }, /NUL/],
  ])('a sale with %s: 400, no workflow', async (_name, extra, message) => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const uniqueId = `pre-${randomUUID()}`;
    const res = await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId, ...extra }).expect(400);
    expect(JSON.stringify(res.body.error)).toMatch(message);
    await expectNoWorkflow(workflowIds.recordSale(scheme.id, uniqueId));
  });

  it('simulate refuses what the post would: no points computed beyond the bound', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const res = await h.http.post('/v1/transactions').query({ simulate: 'true' }).set(scheme.headers).send({ customerId, outletId, lineItems: [{ quantity: 2147483647, unitPrice: 99999999 }] }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.lineItems.0' }] });
  });

  it('a body that is not JSON: 415, nothing created', async () => {
    const before = await q<{ n: string }>('select count(*) as n from customers where scheme_id = ?', [scheme.id]);
    const res = await h.http.post('/v1/customers').set(scheme.headers).type('form').send('firstName=Ann&email=ann@example.test').expect(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(await q<{ n: string }>('select count(*) as n from customers where scheme_id = ?', [scheme.id])).toEqual(before);
  });

  it('a hold of more points than the ledger posts: 400, no workflow', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const holdId = `big-hold-${randomUUID()}`;
    await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, uniqueId: holdId, points: '99999999999999' }).expect(400);
    await expectNoWorkflow(workflowIds.holdPoints(scheme.id, holdId));
  });

  it('a hold amount with 3 decimals, a custom return with 3 decimals and a held sale that does not add up: 400, no workflow', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1000);
    const holdId = `pre-hold-${randomUUID()}`;
    await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, uniqueId: holdId, amount: 1.005 }).expect(400);
    await expectNoWorkflow(workflowIds.holdPoints(scheme.id, holdId));

    const returnId = `pre-ret-${randomUUID()}`;
    await h.http.post('/v1/transactions/returns/custom').set(scheme.headers).send({ customerId, outletId, uniqueId: returnId, lineItems: [{ quantity: 1, unitPrice: 2.999 }] }).expect(400);
    await expectNoWorkflow(workflowIds.returnSale(scheme.id, null, returnId));

    const held = await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, points: 100 }).expect(201);
    await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send({ lineItems: [{ quantity: 1, unitPrice: 10 }], paymentMethods: [{ type: 'Cash', amount: 20 }] }).expect(400);
    // The hold is untouched by the refused redeem.
    expect((await h.http.get(`/v1/transactions/on-hold/${held.body.holdId}`).set(scheme.headers).expect(200)).body.status).toBe('HELD');
  });
});

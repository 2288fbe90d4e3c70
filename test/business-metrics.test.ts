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
  ({ outletId } = await saleWorld(h, scheme));
});
afterAll(() => h.close());

/** The sum of a metric's samples whose labels include `labels` (0 when there is none). */
async function sample(name: string, labels: Record<string, string>): Promise<number> {
  const text = (await h.http.get('/metrics').expect(200)).text;
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

const sale = (customerId: string, uniqueId: string, redeem = 0) => ({
  customerId,
  outletId,
  uniqueId,
  lineItems: [{ quantity: 1, unitPrice: 20 }],
  paymentMethods: redeem ? [{ type: 'Cash', amount: 20 - redeem }, { type: 'Loyale Redemption', amount: redeem }] : [{ type: 'Cash', amount: 20 }],
});

describe('business metrics on /metrics', () => {
  it('counts sales by outlet and outcome, points once per posting however often the till repeats, and refusals by reason', async () => {
    const s = { scheme: scheme.id };
    const before = {
      completed: await sample('hub_requests_total', { ...s, operation: 'sale', outlet: outletId, outcome: 'completed' }),
      refused: await sample('hub_requests_total', { ...s, operation: 'sale', outlet: outletId, outcome: 'refused' }),
      earned: await sample('hub_points_total', { ...s, kind: 'earned' }),
      redeemed: await sample('hub_points_total', { ...s, kind: 'redeemed' }),
      refusals: await sample('hub_refusals_total', { operation: 'sale', reason: 'business_rule_violated' }),
      answered: await sample('hub_answer_seconds_count', { operation: 'sale', outcome: 'completed' }),
    };
    const { customerId } = await customerWithPoints(h, scheme, 500);
    const posted = await h.http.post('/v1/transactions').set(scheme.headers).send(sale(customerId, `m-${randomUUID()}`)).expect(201);
    const body = sale(customerId, `m-${randomUUID()}`, 2);
    const redeemed = await h.http.post('/v1/transactions').set(scheme.headers).send(body).expect(201);
    // The till repeats the same sale: answered again, posted once.
    await h.http.post('/v1/transactions').set(scheme.headers).send(body).expect(201);
    await h.http.post('/v1/transactions').set(scheme.headers).send(sale(customerId, `m-${randomUUID()}`, 19)).expect(422);

    expect(await sample('hub_requests_total', { ...s, operation: 'sale', outlet: outletId, outcome: 'completed' })).toBe(before.completed + 3);
    expect(await sample('hub_requests_total', { ...s, operation: 'sale', outlet: outletId, outcome: 'refused' })).toBe(before.refused + 1);
    expect(await sample('hub_refusals_total', { operation: 'sale', reason: 'business_rule_violated' })).toBe(before.refusals + 1);
    expect(await sample('hub_answer_seconds_count', { operation: 'sale', outcome: 'completed' })).toBe(before.answered + 3);
    // Points are decimal strings at /v1.
    const earned = Number(posted.body.pointsEarned) + Number(redeemed.body.pointsEarned);
    expect(earned).toBeGreaterThan(0);
    expect(await sample('hub_points_total', { ...s, kind: 'earned' })).toBe(before.earned + earned);
    expect(await sample('hub_points_total', { ...s, kind: 'redeemed' })).toBe(before.redeemed + Number(redeemed.body.pointsRedeemed));
  });

  it('labels a request refused before routing (malformed JSON) with the route it was for', async () => {
    const labels = { method: 'POST', route: '/v1/transactions', status: '400' };
    const before = await sample('http_request_duration_seconds_count', labels);
    await h.http.post('/v1/transactions').set(scheme.headers).set('Content-Type', 'application/json').send('{"uniqueId": ').expect(400);
    expect(await sample('http_request_duration_seconds_count', labels)).toBe(before + 1);
  });

  it('counts the points of a sale a hold paid for, once', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1000);
    const earned = await sample('hub_points_total', { scheme: scheme.id, kind: 'earned' });
    const held = await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, points: 100 }).expect(201);
    const redeem = { lineItems: [{ quantity: 1, unitPrice: 10 }], paymentMethods: [{ type: 'Loyale Redemption', amount: 1 }, { type: 'Cash', amount: 9 }] };
    const sold = await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send(redeem).expect(200);
    await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send(redeem).expect(200);
    expect(Number(sold.body.pointsEarned)).toBeGreaterThan(0);
    expect(await sample('hub_points_total', { scheme: scheme.id, kind: 'earned' })).toBe(earned + Number(sold.body.pointsEarned));
  });

  it('counts holds by operation and outcome', async () => {
    const { customerId } = await customerWithPoints(h, scheme, 1000);
    const labels = (operation: string, outcome: string) => ({ scheme: scheme.id, operation, outcome });
    const placed = await sample('hub_requests_total', labels('hold_place', 'completed'));
    const removed = await sample('hub_requests_total', labels('hold_remove', 'completed'));
    const refused = await sample('hub_requests_total', labels('hold_place', 'refused'));
    const held = await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, points: 300 }).expect(201);
    await h.http.delete(`/v1/transactions/on-hold/${held.body.holdId}`).set(scheme.headers).expect(200);
    await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId, outletId, points: 5000 }).expect(422);
    expect(await sample('hub_requests_total', labels('hold_place', 'completed'))).toBe(placed + 1);
    expect(await sample('hub_requests_total', labels('hold_remove', 'completed'))).toBe(removed + 1);
    expect(await sample('hub_requests_total', labels('hold_place', 'refused'))).toBe(refused + 1);
  });

  it('reports the last ledger check, rejected webhooks, and the partner sync backlog read from the database', async () => {
    await h.http.get('/v1/ledger/verify').query({ schemeId: scheme.id }).set('Authorization', `Bearer ${h.adminToken}`).expect(200);
    expect(await sample('hub_ledger_check_violations', { scheme: scheme.id })).toBe(0);
    expect(await sample('hub_ledger_check_timestamp_seconds', { scheme: scheme.id })).toBeGreaterThan(Date.now() / 1000 - 60);

    const rejected = await sample('hub_webhook_deliveries_total', { partner: 'loyale', outcome: 'rejected' });
    await h.http.post(`/v1/webhooks/loyale/${randomUUID()}`).send({ any: 'thing' }).expect(401);
    expect(await sample('hub_webhook_deliveries_total', { partner: 'loyale', outcome: 'rejected' })).toBe(rejected + 1);

    const { customerId } = await customerWithPoints(h, scheme, 0);
    const connectionId = randomUUID();
    const em = h.orm.em.fork().getConnection();
    await em.execute(
      `insert into connections (id, scheme_id, partner, name, base_url, credentials_sealed, created_at, updated_at) values (?, ?, 'coupontools', 'metrics', 'http://127.0.0.1:9', 'x', now(), now())`,
      [connectionId, scheme.id],
    );
    for (const status of ['FAILED', 'FAILED', 'SYNCED']) {
      await em.execute(
        `insert into sync_records (id, scheme_id, connection_id, kind, operation_key, customer_id, status, payload, workflow_id, created_at, updated_at) values (?, ?, ?, 'customer', ?, ?, ?, '{}', 'w', now(), now())`,
        [randomUUID(), scheme.id, connectionId, randomUUID(), customerId, status],
      );
    }
    // The gauge counts every scheme's records, and other test files sync with coupontools at the same time:
    // it must agree with the database's own count, which includes these two.
    const open = async () =>
      Number(((await em.execute(`select count(*) as n from sync_records r join connections c on c.id = r.connection_id and c.deleted_at is null where c.partner = 'coupontools' and r.status = 'FAILED'`)) as Array<{ n: string }>)[0]?.n);
    const mine = (await em.execute(`select count(*) as n from sync_records where connection_id = ? and status = 'FAILED'`, [connectionId])) as Array<{ n: string }>;
    expect(Number(mine[0]?.n)).toBe(2);
    await eventually(async () => [await sample('hub_sync_backlog', { partner: 'coupontools', status: 'FAILED' }), await open()], ([gauge, db]) => gauge === db && (db ?? 0) >= 2);
    await em.execute('delete from connections where id = ?', [connectionId]);
  });
});

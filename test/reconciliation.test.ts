import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme } from './fixtures/schemes';
import { customerWithPoints } from './fixtures/sales';

const LOYALTYPLUS = 'https://loyaltyplus.partner.test';

let h: Harness;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  h = await createHarness();
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await h.close();
});

async function world() {
  const scheme = await createTestScheme(h);
  const admin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
  // No events: the connection only reconciles here (no outbound sync noise).
  const c = await h.http.post('/v1/connections').set(admin).send({ partner: 'loyaltyplus', name: `lp-${randomUUID()}`, baseUrl: LOYALTYPLUS, credentials: { apiKey: 'k', ownerToken: 'jwt' }, events: [] }).expect(201);
  const drifted = await customerWithPoints(h, scheme, 150);
  const matched = await customerWithPoints(h, scheme, 40);
  const unlinked = await customerWithPoints(h, scheme, 10);
  await h.repos.sync.setLink(c.body.id, drifted.customerId, 'lp-a');
  await h.repos.sync.setLink(c.body.id, matched.customerId, 'lp-b');
  return { admin, connectionId: c.body.id as string, drifted: drifted.customerId, matched: matched.customerId, unlinked: unlinked.customerId };
}

const balances = (a: number, b: number) =>
  nock(LOYALTYPLUS, { reqheaders: { 'x-api-key': 'k' } })
    .get('/v1/pos/balance/lp-a')
    .reply(200, { customerId: 'lp-a', totalPoints: a })
    .get('/v1/pos/balance/lp-b')
    .reply(200, { customerId: 'lp-b', totalPoints: b });

describe('reconciliation', () => {
  it('finds a planted drift and a customer missing on the partner; the report shows both values', async () => {
    const w = await world();
    balances(100, 40);
    const res = await h.http.post(`/v1/connections/${w.connectionId}/reconcile`).set(w.admin).send({}).expect(201);
    expect(res.body).toMatchObject({ status: 'COMPLETED', autoCorrect: false, summary: { customers: 3, matched: 1, drifted: 1, missingOnPartner: 1, corrected: 0 } });
    const byCustomer = Object.fromEntries((res.body.items as Array<{ customerId: string }>).map((i) => [i.customerId, i]));
    expect(byCustomer[w.drifted]).toEqual({ customerId: w.drifted, externalId: 'lp-a', hubBalance: '150', partnerBalance: '100', outcome: 'DRIFTED', corrected: false });
    expect(byCustomer[w.matched]).toMatchObject({ outcome: 'MATCHED', hubBalance: '40', partnerBalance: '40' });
    expect(byCustomer[w.unlinked]).toMatchObject({ outcome: 'MISSING_ON_PARTNER', externalId: null, partnerBalance: null });
    const again = await h.http.get(`/v1/connections/${w.connectionId}/reconciliations/${res.body.id}`).set(w.admin).expect(200);
    expect(again.body).toEqual(res.body);
  });

  it('auto-correction sends each drift once through the adapter; the next run finds it matched', async () => {
    const w = await world();
    balances(100, 40);
    const corrections: unknown[] = [];
    nock(LOYALTYPLUS, { reqheaders: { authorization: 'Bearer jwt' } })
      .post('/v1/owner/customers/lp-a/points', (b) => {
        corrections.push(b);
        return b.points === 50 && /^Reconciliation /.test(b.reason);
      })
      .reply(200, { success: true, newBalance: 150, adjustment: 50 });
    const run = await h.http.post(`/v1/connections/${w.connectionId}/reconcile`).set(w.admin).send({ autoCorrect: true }).expect(201);
    expect(run.body.summary).toMatchObject({ drifted: 1, corrected: 1 });
    expect(corrections).toHaveLength(1);
    balances(150, 40);
    const next = await h.http.post(`/v1/connections/${w.connectionId}/reconcile`).set(w.admin).send({ autoCorrect: true }).expect(201);
    expect(next.body.summary).toMatchObject({ matched: 2, drifted: 0, corrected: 0 });
    expect(corrections).toHaveLength(1);
  });

  it('each connection has a Temporal Schedule that ops can pause or trigger; removing the connection removes it', async () => {
    const w = await world();
    const schedule = h.client.schedule.getHandle(`reconcile/${w.connectionId}`);
    const described = await schedule.describe();
    expect(described.spec.intervals?.[0]?.every).toBe(24 * 3600 * 1000);
    await h.http.delete(`/v1/connections/${w.connectionId}`).set(w.admin).expect(204);
    await expect(schedule.describe()).rejects.toThrow();
    await h.http.post(`/v1/connections/${w.connectionId}/reconcile`).set(w.admin).send({}).expect(404);
  });
});

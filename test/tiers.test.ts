import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { tierFor } from '../domain/tiers/decide';
import type { Tier } from '../domain/tiers/types';
import type { SweepExpiryWorkflow } from '../workflows/contracts/expiry';
import { workflowIds, workflowTypes } from '../workflows/contracts/registry';
import { eventually } from './support/child-process';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { prng } from './support/prng';
import { createHarness, type Harness } from './support/harness';
import { recordHistory } from './support/record-history';

/**
 * Tiers end to end: judged in the transaction of every posting that moves a
 * customer's accrual (a sale, a return, a manual mint), once per change, with
 * history and events; a tier's multiplier in what sales earn; a manual tier
 * held until a durable timer; the window sweep; Loyale's Level operations.
 */
let h: Harness;
let scheme: TestScheme;
let outletId: string;
const tiers: Record<'bronze' | 'silver' | 'gold', Tier> = {} as never;
const ops = () => ({ Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id });

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
  const make = async (name: string, minRequiredPoints: number, tierOrder: number, earnMultiplierPercent: number, isDefault = false) =>
    (await h.http.post('/v1/tiers').set(ops()).send({ name, active: true, minRequiredPoints, tierOrder, earnMultiplierPercent, isDefault }).expect(201)).body.tier as Tier;
  tiers.bronze = await make('Bronze', 0, 1, 100, true);
  tiers.silver = await make('Silver', 300, 2, 150);
  tiers.gold = await make('Gold', 1000, 3, 200);
});
afterAll(() => h.close());
afterEach(async () => {
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => h.orm.em.fork().getConnection().execute(text, params, 'all') as Promise<T[]>;

async function sale(customerId: string, amount = 25, simulate = false) {
  const uniqueId = `sale-${randomUUID()}`;
  const res = await h.http.post(`/v1/transactions${simulate ? '?simulate=true' : ''}`).set(scheme.headers).send({ customerId, outletId, uniqueId, lineItems: [{ quantity: 1, sku: 'sku-1', unitPrice: amount }] });
  expect(res.status).toBe(simulate ? 200 : 201);
  return { uniqueId, result: res.body };
}

const tierOf = async (customerId: string) => (await h.http.get(`/v1/customers/${customerId}/tier`).set(scheme.headers).expect(200)).body;
const history = async (customerId: string) =>
  ((await h.http.get(`/v1/customers/${customerId}/tier-history?limit=25`).set(scheme.headers).expect(200)).body.data as Array<{ fromTierId: string | null; toTierId: string | null; reason: string }>).reverse();
const tierEvents = (customerId: string) =>
  sql<{ type: string; to: string | null; from: string | null }>(
    `select type, payload->>'loyaltyTierId' as to, payload->>'previousLoyaltyTierId' as from from hub_events where customer_id = ? and type like 'member-tier-%' order by occurred_at, created_at`,
    [customerId],
  );
const name = (id: string | null) => Object.values(tiers).find((t) => t.id === id)?.name ?? null;

it('sets the tier a sale reaches, once, with history and an event; later sales earn with its multiplier, and simulate shows it', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  expect(await tierOf(customerId)).toMatchObject({ tier: { name: 'Bronze' }, accrual: '0', source: 'accrual', windowMonths: 12, nextTier: { tier: { name: 'Silver' }, pointsNeeded: '300' } });
  await sale(customerId); // 150 points: still Bronze
  await sale(customerId); // 300: Silver
  expect(await tierOf(customerId)).toMatchObject({ tier: { name: 'Silver' }, accrual: '300', nextTier: { tier: { name: 'Gold' }, pointsNeeded: '700' } });
  expect((await history(customerId)).map((c) => [name(c.fromTierId), name(c.toTierId), c.reason])).toEqual([
    [null, 'Bronze', 'accrual'],
    ['Bronze', 'Silver', 'accrual'],
  ]);
  expect((await tierEvents(customerId)).map((e) => [e.type, name(e.from), name(e.to)])).toEqual([
    ['member-tier-set', null, 'Bronze'],
    ['member-tier-set', 'Bronze', 'Silver'],
  ]);
  const simulated = await sale(customerId, 25, true);
  expect(simulated.result).toMatchObject({ status: 'SIMULATED', pointsEarned: '225', tier: { id: tiers.silver.id, name: 'Silver', earnMultiplierPercent: 150 } });
  const { result } = await sale(customerId);
  expect(result).toMatchObject({ pointsEarned: '225', tier: { name: 'Silver' } });
});

it('changes the tier once when concurrent sales cross a threshold', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await sale(customerId, 20); // 120: Bronze
  await Promise.all(Array.from({ length: 8 }, () => sale(customerId, 10))); // 60 each at Bronze, 90 at Silver
  const changes = (await history(customerId)).map((c) => `${name(c.fromTierId)}→${name(c.toTierId)}`);
  expect(changes).toEqual(['null→Bronze', 'Bronze→Silver']);
  const t = await tierOf(customerId);
  expect(t.tier.name).toBe(tierFor(Object.values(tiers), BigInt(t.accrual))?.name);
  expect((await tierEvents(customerId)).length).toBe(2);
});

it('drops the tier when a return inside the window takes the accrual below it', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await sale(customerId);
  const second = await sale(customerId);
  expect((await tierOf(customerId)).tier.name).toBe('Silver');
  await h.http.post(`/api/Transaction/Return/Full/${second.uniqueId}`).set(scheme.headers).expect(201);
  expect(await tierOf(customerId)).toMatchObject({ tier: { name: 'Bronze' }, accrual: '150' });
  expect((await history(customerId)).at(-1)).toMatchObject({ fromTierId: tiers.silver.id, toTierId: tiers.bronze.id, reason: 'accrual' });
  expect((await tierEvents(customerId)).at(-1)).toMatchObject({ type: 'member-tier-set', from: tiers.silver.id, to: tiers.bronze.id });
});

it('holds a tier set by hand until its expiry, then a durable timer judges it on accrual again', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await sale(customerId); // Bronze
  const expiresAt = new Date(Date.now() + 3000).toISOString();
  await h.http.put(`/v1/customers/${customerId}/tier`).set(scheme.headers).send({ loyaltyTierId: tiers.gold.id, expiresAt }).expect(200, { loyaltyTierId: tiers.gold.id });
  expect(await tierOf(customerId)).toMatchObject({ tier: { name: 'Gold' }, source: 'manual', expiresAt, nextTier: null });
  // A sale while it holds earns at Gold's rate and does not move it.
  expect((await sale(customerId)).result).toMatchObject({ pointsEarned: '300', tier: { name: 'Gold' } });
  expect((await tierOf(customerId)).tier.name).toBe('Gold');
  // Then the timer: accrual 450 → Silver.
  const after = await eventually(() => tierOf(customerId), (t) => t.source === 'accrual', 30_000);
  expect(after).toMatchObject({ tier: { name: 'Silver' }, accrual: '450', expiresAt: null });
  await recordHistory(h, workflowIds.holdManualTier(scheme.id, customerId, expiresAt), 'hold-manual-tier.completed.json');
  expect((await history(customerId)).map((c) => [name(c.fromTierId), name(c.toTierId), c.reason])).toEqual([
    [null, 'Bronze', 'accrual'],
    ['Bronze', 'Gold', 'manual'],
    ['Gold', 'Silver', 'manual-expired'],
  ]);
  // Past dates and unknown tiers are refused, changing nothing.
  await h.http.put(`/v1/customers/${customerId}/tier`).set(scheme.headers).send({ loyaltyTierId: tiers.gold.id, expiresAt: '2020-01-01T00:00:00Z' }).expect(422);
  await h.http.put(`/v1/customers/${customerId}/tier`).set(scheme.headers).send({ loyaltyTierId: randomUUID() }).expect(404);
  expect((await tierOf(customerId)).tier.name).toBe('Silver');
}, 60_000);

it('judges again, in the daily sweep, customers whose earned points left the window', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await sale(customerId);
  await sale(customerId);
  expect((await tierOf(customerId)).tier.name).toBe('Silver');
  // The first sale's earn was 12 months and a day ago (the clock cannot move: its date is set by hand).
  await sql(
    `update transfers set created_at = now() - interval '12 months 1 day' where id = (
       select t.id from transfers t join wallets w on w.id = t.credit_wallet_id where w.customer_id = ? and t.code = 'earn' order by t.created_at limit 1)`,
    [customerId],
  );
  const run = await h.client.workflow.execute<SweepExpiryWorkflow>(workflowTypes.sweepExpiry, {
    taskQueue: h.taskQueue,
    workflowId: `${workflowIds.expirySweep(scheme.id)}/${randomUUID()}`,
    args: [{ schemeId: scheme.id }],
  });
  expect(run.tiersChanged).toBeGreaterThanOrEqual(1);
  expect(await tierOf(customerId)).toMatchObject({ tier: { name: 'Bronze' }, accrual: '150' });
  expect((await history(customerId)).at(-1)).toMatchObject({ fromTierId: tiers.silver.id, toTierId: tiers.bronze.id, reason: 'window' });
});

it('answers Loyale\'s Level operations from the tiers', async () => {
  const levels = await h.http.get('/api/Level').set(scheme.headers).expect(200);
  expect(levels.body.map((l: { name: string; pointsThreshold: number; multiplier: number }) => [l.name, l.pointsThreshold, l.multiplier])).toEqual([
    ['Bronze', 0, 1],
    ['Silver', 300, 1.5],
    ['Gold', 1000, 2],
  ]);
  const one = await h.http.get(`/api/Level/${tiers.gold.id}`).set(scheme.headers).expect(200);
  expect(one.body).toMatchObject({ id: tiers.gold.id, name: 'Gold', schemeId: scheme.id, isDefault: false, order: 3 });
  await h.http.get(`/api/Level/${randomUUID()}`).set(scheme.headers).expect(404);
});

it('refuses a second default tier and a duplicate order, changing nothing', async () => {
  await h.http.post('/v1/tiers').set(ops()).send({ name: 'Other default', active: true, minRequiredPoints: 0, tierOrder: 7, isDefault: true }).expect(409);
  await h.http.post('/v1/tiers').set(ops()).send({ name: 'Same order', active: true, minRequiredPoints: 0, tierOrder: 2 }).expect(409);
  expect((await h.http.get('/v1/tiers').set(scheme.headers).expect(200)).body.data).toHaveLength(3);
});

it('judges tiers in the database exactly as the domain rule does, across random tiers and postings', async () => {
  const s = await createTestScheme(h);
  const opsOf = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': s.id };
  const g = prng(23);
  const defs: Tier[] = [];
  for (let i = 0; i < 5; i++) {
    const body = { name: `T${i}`, active: g.next() < 0.8, minRequiredPoints: g.int(0, 800), tierOrder: i * 3 + g.int(0, 2), isDefault: i === 2, earnMultiplierPercent: 100 };
    defs.push((await h.http.post('/v1/tiers').set(opsOf).send(body).expect(201)).body.tier);
  }
  const { customerId } = await customerWithPoints(h, s, 0);
  const got = await h.http.get(`/v1/customers/${customerId}`).set(s.headers).expect(200);
  const w = got.body.wallets[0];
  const base = `/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/wallets/${w.walletId}`;
  const mints: string[] = [];
  for (let step = 0; step < 25; step++) {
    if (g.next() < 0.7 || mints.length === 0) {
      const r = await h.http.post(`${base}/mint`).set(s.headers).send({ amount: g.int(1, 200), systemUniqueKey: randomUUID() }).expect(201);
      mints.push(r.body.transactions[0].id);
    } else {
      // Reverting a mint sends its points back to issuance, as a return's deduction does: the accrual drops.
      const id = mints.splice(g.int(0, mints.length - 1), 1)[0] as string;
      await h.http.post(`/v1/ledgers/${w.ledgerId}/accounts/${w.accountId}/transactions/${id}/revert`).set(s.headers).send({ systemUniqueKey: randomUUID() }).expect(201);
    }
    const [row] = await sql<{ tier_id: string | null; accrual: string }>(
      'select ct.tier_id, tier_customer_accrual(?, ?, now())::text as accrual from customer_tiers ct where ct.customer_id = ?',
      [s.id, customerId, customerId],
    );
    expect([step, row?.tier_id ?? null]).toEqual([step, tierFor(defs, BigInt(row?.accrual ?? '0'))?.id ?? null]);
  }
});

import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { registerCustomer } from '../domain/customers/register';
import { lotExpiry } from '../domain/ledger/lot-expiry';
import type { SweepExpiryWorkflow, SweepSummary } from '../workflows/contracts/expiry';
import { workflowIds, workflowTypes } from '../workflows/contracts/registry';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { createHarness, type Harness } from './support/harness';
import { recordHistory } from './support/record-history';

/**
 * Points that expire, end to end: an account's `expiresInMonths` set through
 * the API gives the scheme its daily schedule in its own zone, sales form
 * lots, balances say what expires when, and the sweep workflow expires each
 * due lot once. The wall clock cannot move, so lot dates are set by hand and
 * the sweep runs "as of" a cutoff.
 */
let h: Harness;
let scheme: TestScheme;
let outletId: string;
let account: { ledgerId: string; accountId: string };
const zone = 'America/New_York';

/** A scheme whose default points account expires after 12 months, set through the API. */
async function expiringScheme() {
  const s = await createTestScheme(h, { timeZone: zone });
  const ledgers = await h.http.get('/v1/ledgers').set(s.headers).expect(200);
  const ledgerId = ledgers.body.data[0].id as string;
  const accounts = await h.http.get(`/v1/ledgers/${ledgerId}/accounts`).set(s.headers).expect(200);
  const accountId = accounts.body.data[0].id as string;
  await h.http.put(`/v1/ledgers/${ledgerId}/accounts/${accountId}`).set(s.headers).send({ name: 'Points', active: true, expiresInMonths: 12 }).expect(200);
  return { scheme: s, account: { ledgerId, accountId } };
}

beforeAll(async () => {
  h = await createHarness();
  ({ scheme, account } = await expiringScheme());
  ({ outletId } = await saleWorld(h, scheme));
});
afterAll(() => h.close());
afterEach(async () => {
  expect(await verifyLedger(h.orm, scheme.id)).toEqual([]);
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => h.orm.em.fork().getConnection().execute(text, params, 'all') as Promise<T[]>;

async function sale(customerId: string, amount = 25) {
  const uniqueId = `sale-${randomUUID()}`;
  await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId, lineItems: [{ quantity: 1, sku: 'sku-1', unitPrice: amount }] }).expect(201);
  return uniqueId;
}

const balance = async (customerId: string) => (await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200)).body.ledgers[0];
const lots = async (customerId: string, status = 'live') => (await h.http.get(`/v1/customers/${customerId}/lots?status=${status}`).set(scheme.headers).expect(200)).body.data;

/** Dates a lot as if earned in an earlier month (the wall clock cannot move). */
const dateLot = (lotId: string, expiresAt: string) => sql(`update point_lots set earned_at = ?::timestamptz - interval '13 months', expires_at = ? where id = ?`, [expiresAt, expiresAt, lotId]);

let lastSweep = '';
const sweep = (cutoff: string) =>
  h.client.workflow.execute<SweepExpiryWorkflow>(workflowTypes.sweepExpiry, {
    taskQueue: h.taskQueue,
    workflowId: (lastSweep = `${workflowIds.expirySweep(scheme.id)}/${randomUUID()}`),
    args: [{ schemeId: scheme.id, cutoff }],
  });

it("gives the scheme a daily expiry schedule in its own zone, and answers what expires when", async () => {
  const schedule = await h.client.schedule.getHandle(workflowIds.expirySchedule(scheme.id)).describe();
  expect(schedule.spec.timezone).toBe(zone);
  expect(schedule.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 0, end: 0, step: 1 }], minute: [{ start: 5, end: 5, step: 1 }] });
  expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: workflowTypes.sweepExpiry, taskQueue: h.taskQueue });

  const { customerId } = await customerWithPoints(h, scheme, 0);
  await sale(customerId);
  const [lot] = await lots(customerId);
  expect(lot).toMatchObject({ amount: '150', remaining: '150', expired: '0', accountId: account.accountId });
  // The end of the month twelve months on, at midnight in New York.
  expect(lot.expiresAt).toBe(lotExpiry(new Date(lot.earnedAt), 12, zone)?.toISOString());
  expect((await balance(customerId)).expiring).toEqual([{ amount: '150', expiresAt: lot.expiresAt }]);
});

it('expires each due lot once through the sweep workflow, announcing the next ones', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await sale(customerId);
  await sale(customerId, 10);
  const [first, second] = await lots(customerId);
  await dateLot(first.id, '2026-02-01T05:00:00Z');
  await dateLot(second.id, '2026-03-01T05:00:00Z');

  const run = await sweep('2026-02-15T12:00:00Z');
  await recordHistory(h, lastSweep, 'sweep-expiry.completed.json');
  expect(run).toMatchObject<Partial<SweepSummary>>({ lots: 1, points: '150' });
  expect(run.noticed).toBeGreaterThanOrEqual(1); // the second lot falls due within the 30 days' notice
  expect(await sweep('2026-02-15T12:00:00Z')).toMatchObject({ lots: 0, points: '0', noticed: 0 });

  expect(await balance(customerId)).toMatchObject({ available: '60', expiring: [{ amount: '60', expiresAt: '2026-03-01T05:00:00.000Z' }] });
  expect(await lots(customerId, 'all')).toEqual([
    expect.objectContaining({ id: first.id, remaining: '0', expired: '150' }),
    expect.objectContaining({ id: second.id, remaining: '60', expired: '0' }),
  ]);
  const events = await h.http.get(`/v1/customers/${customerId}/events`).set(scheme.headers).expect(200);
  const types = (events.body.data as Array<{ type: string; payload: Record<string, unknown> }>).map((e) => [e.type, e.payload.amount]);
  expect(types).toEqual(expect.arrayContaining([['points-expired', '150'], ['points-expiring', '60']]));
});

it('returns a sale whose points already expired without taking them from the customer again', async () => {
  const { customerId } = await customerWithPoints(h, scheme, 0);
  const expiredSale = await sale(customerId);
  await sale(customerId);
  const [first] = await lots(customerId);
  await dateLot(first.id, '2026-01-01T05:00:00Z');
  await sweep('2026-01-02T00:00:00Z');
  expect((await balance(customerId)).available).toBe('150');

  const res = await h.http.post(`/api/Transaction/Return/Full/${expiredSale}`).set(scheme.headers).expect(201);
  // The 150 points it earned went to breakage at expiry; breakage gives them back to issuance, the customer keeps the other sale's.
  expect(res.body).toMatchObject({ pointsDeducted: 0, shortfall: 0, pointsBefore: 150, pointsAfter: 150 });
  expect((await balance(customerId)).available).toBe('150');
  const moved = await sql<{ code: string; amount: string }>(`select code, amount::text from transfers where scheme_id = ? and code = 'return_expired' and metadata->>'saleUniqueId' = ?`, [scheme.id, expiredSale]);
  expect(moved).toEqual([{ code: 'return_expired', amount: '150' }]);
});

it('sweeps a thousand customers whose lots fall due the same midnight, each once', async () => {
  ({ scheme, account } = await expiringScheme());
  const n = 1000;
  const wallets: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await registerCustomer(h.repos.registrations, { schemeId: scheme.id, customer: {}, idempotencyKey: randomUUID(), requestHash: 'x' });
    wallets.push((await h.repos.ledger.customerWallet(scheme.id, account.accountId, c.id)).id);
  }
  for (let i = 0; i < n; i += 50) {
    await Promise.all(
      wallets.slice(i, i + 50).map((walletId) =>
        h.repos.ledger.apply({ schemeId: scheme.id, systemUniqueKey: `bulk-${walletId}`, requestHash: 'bulk', ops: [{ type: 'mint', accountId: account.accountId, walletId, amount: 40n }] }),
      ),
    );
  }
  await sql(`update point_lots set expires_at = '2026-06-01T04:00:00Z' where wallet_id = any(?::uuid[])`, [`{${wallets.join(',')}}`]);
  const run = await sweep('2026-06-01T04:00:00Z');
  expect(run).toMatchObject({ lots: n, points: String(40 * n) });
  const [counts] = await sql<{ transfers: number; keys: number; events: number }>(
    `select (select count(*)::int from transfers where scheme_id = ? and code = 'expiry' and debit_wallet_id = any(?::uuid[])) as transfers,
            (select count(distinct system_unique_key)::int from transfers where scheme_id = ? and code = 'expiry' and debit_wallet_id = any(?::uuid[])) as keys,
            (select count(*)::int from hub_events where scheme_id = ? and type = 'points-expired' and payload->>'walletId' = any(?::text[])) as events`,
    [scheme.id, `{${wallets.join(',')}}`, scheme.id, `{${wallets.join(',')}}`, scheme.id, `{${wallets.join(',')}}`],
  );
  expect(counts).toEqual({ transfers: n, keys: n, events: n });
}, 120_000);

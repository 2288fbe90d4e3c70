import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import nock from 'nock';
import { eventually } from './support/child-process';
import { signWebhook } from '../domain/partners/webhook-signature';
import { searchAttributes } from '../workflows/contracts/search-attributes';
import { createHarness, installTestRuntime } from './support/harness';
import { createTestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
import { saleWorld } from './fixtures/sales';
import { testEnv } from './support/test-env';
import { saveHistory } from './support/record-history';

/**
 * Recorded workflow histories replayed against today's workflow code: a change
 * that would break workflows already running in production fails here.
 * Refresh the recordings (after a deliberate, versioned change) with
 *   RECORD_HISTORIES=1 npx jest test/replay.test.ts
 */
const dir = path.join(__dirname, 'histories');
const recording = process.env.RECORD_HISTORIES === '1';

(recording ? it : it.skip)('records fresh histories', async () => {
  const h = await createHarness();
  try {
    const scheme = await createTestScheme(h);
    const body = customerBody();
    const created = await h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', 'replay-1').send(body).expect(201);
    await h.http.post('/v1/customers').set(scheme.headers).send(customerBody({ email: body.email })).expect(409);
    await h.http.put(`/v1/customers/${created.body.id}`).set(scheme.headers).send({ status: 'BLOCKED' }).expect(200);
    const customer = await h.http.get(`/v1/customers/${created.body.id}`).set(scheme.headers).expect(200);
    const wallet = customer.body.wallets[0];
    const mintPath = `/v1/ledgers/${wallet.ledgerId}/accounts/${wallet.accountId}/wallets/${wallet.walletId}`;
    await h.http.post(`${mintPath}/mint`).set(scheme.headers).send({ amount: 10 }).expect(201);
    await h.http.post(`${mintPath}/burn`).set(scheme.headers).send({ amount: 11 }).expect(422);
    const { outletId } = await saleWorld(h, scheme);
    const sale = { customerId: created.body.id, outletId, lineItems: [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }] };
    await h.http.put(`/v1/customers/${created.body.id}`).set(scheme.headers).send({ status: 'ACTIVE' }).expect(200);
    // With a (1 s) return window: the sale starts its pending-points child, and a return voids part of them.
    await h.http.put(`/v1/schemes/${scheme.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnWindowSeconds: 1 }).expect(200);
    const sold = await h.http.post('/v1/transactions').set(scheme.headers).send(sale).expect(201);
    await h.http.post(`/v1/transactions/${sold.body.uniqueId}/returns/line-item`).set(scheme.headers).send({ sku: 'sku-001', quantity: 1 }).expect(201);
    await h.http.post(`/v1/transactions/${sold.body.uniqueId}/returns/line-item`).set(scheme.headers).send({ sku: 'sku-001', quantity: 9 }).expect(409);
    await h.client.workflow.getHandle(`sale/${scheme.id}/${sold.body.uniqueId}/pending-points`).result();
    await h.http.post('/v1/transactions').set(scheme.headers).send({ ...sale, paymentMethods: [{ type: 'Loyale Redemption', amount: 25 }] }).expect(422);
    const held = await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId: created.body.id, outletId, points: 100 }).expect(201);
    await h.http.post(`/v1/transactions/on-hold/${held.body.holdId}/redeem`).set(scheme.headers).send({ points: 60 }).expect(200);
    // A referral (event bus → referral workflow): qualifies on the friend's first sale, then waits out the 1 s return window.
    const schemeAdmin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
    const program = await h.http.post('/v1/referral-programs').set(schemeAdmin).send({ name: 'r', code: 'REPLAY', active: true, maxPerCode: 5, eventType: 'member-purchase-order-confirmed', referrerPointsAccrual: 20, referredPointsAccrual: 5 }).expect(201);
    await h.http.post(`/v1/referral-programs/${program.body.id}/codes`).set(scheme.headers).send({ customerId: created.body.id, codes: ['REPLAY-1'] }).expect(201);
    const friend = await h.http.post('/v1/customers').set(scheme.headers).send(customerBody({ referralCode: 'REPLAY-1' })).expect(201);
    await h.http.post('/v1/transactions').set(scheme.headers).send({ ...sale, customerId: friend.body.id, uniqueId: 'replay-referral-sale' }).expect(201);
    await h.client.workflow.getHandle(`referral/${scheme.id}/${program.body.id}/${friend.body.id}`).result();
    // An existing customer referred by code: the attach workflow, and a referral left waiting (running).
    const other = await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201);
    await h.http.post(`/v1/customers/${other.body.id}/referral`).set(scheme.headers).send({ code: 'REPLAY-1' }).expect(201);
    // A mission: a tracked event and a manual increment complete it (mission-status-updated on the bus).
    const mission = await h.http.post('/v1/missions').set(schemeAdmin).send({ name: 'm', code: 'REPLAY-M', eventType: 'member-generic-event', goalCount: 2, maxRepetitions: 3, pointsAccrual: 5 }).expect(201);
    await h.http.post('/v1/events').set(scheme.headers).send({ systemUniqueKey: 'replay-event', customerId: other.body.id, eventType: 'member-generic-event' }).expect(201);
    await h.http.post(`/v1/customers/${other.body.id}/missions/${mission.body.id}/increment`).set(scheme.headers).send({ amount: 1, systemUniqueKey: 'replay-increment' }).expect(201);
    // A Loyalty+ connection (partner faked by nock): the sale dispatches a sync, a lane runs it.
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock('https://loyaltyplus.partner.test').post('/v1/pos/checkin').reply(503, { error: 'busy' }).post('/v1/pos/checkin').reply(200, { success: true, customerId: 'lp-1', pointsAwarded: 25, totalPoints: 25 });
    const admin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
    const lp = await h.http.post('/v1/connections').set(admin).send({ partner: 'loyaltyplus', name: 'lp', baseUrl: 'https://loyaltyplus.partner.test', credentials: { apiKey: 'k' }, events: ['sale'] }).expect(201);
    const synced = await h.http.post('/v1/transactions').set(scheme.headers).send({ ...sale, uniqueId: 'replay-sync' }).expect(201);
    const [record] = await eventually(
      async () => (await h.http.get('/v1/sync').set(admin).expect(200)).body.data as Array<{ status: string; workflowId: string }>,
      (rs) => rs[0]?.status === 'SYNCED',
      20_000,
    );
    await h.client.workflow.getHandle(record?.workflowId as string).result();
    await h.client.workflow.getHandle(`sync-lane/${(await h.http.get('/v1/connections').set(admin)).body.data[0].id}/${synced.body.customerId}`).terminate('recorded');
    // A partner webhook (points awarded) and a reconciliation run on the same connection.
    await h.repos.sync.setLink(lp.body.id, created.body.id, 'lp-1');
    const raw = JSON.stringify({ id: 'replay-evt-1', type: 'points.awarded', occurredAt: new Date().toISOString(), data: { customerId: 'lp-1', pointsAwarded: 5 } });
    const accepted = await h.http.post(`/v1/webhooks/loyaltyplus/${lp.body.id}`).set('Content-Type', 'application/json').set('X-Hub-Signature', signWebhook(lp.body.webhookSecret, Math.floor(Date.now() / 1000), raw)).send(raw).expect(202);
    await h.client.workflow.getHandle(accepted.body.workflowId).result();
    nock('https://loyaltyplus.partner.test').get('/v1/pos/balance/lp-1').reply(200, { customerId: 'lp-1', totalPoints: 0 });
    await h.http.post(`/v1/connections/${lp.body.id}/reconcile`).set(admin).send({ autoCorrect: false }).expect(201);
    await h.client.schedule.getHandle(`reconcile/${lp.body.id}`).delete();
    nock.cleanAll();
    nock.enableNetConnect();
    const names: Record<string, string> = {
      createCustomer: 'create-customer',
      updateCustomer: 'update-customer',
      applyLedgerRequest: 'apply-ledger-request',
      recordSale: 'record-sale',
      holdPoints: 'hold-points',
      returnSale: 'return-sale',
      activatePendingPoints: 'activate-pending-points',
      dispatchPartnerSync: 'dispatch-partner-sync',
      syncLane: 'sync-lane',
      syncOperation: 'sync-operation',
      applyPartnerEvent: 'apply-partner-event',
      reconcileConnection: 'reconcile-connection',
      deliverHubEvent: 'deliver-hub-event',
      referCustomer: 'refer-customer',
      referral: 'referral',
    };
    for await (const wf of h.client.workflow.list({ query: `SchemeId = "${scheme.id}"` })) {
      // Two deliveries worth keeping apart: one that completes a mission (a child event), one that signals a referral.
      let variant = wf.type === 'deliverHubEvent' ? (wf.workflowId.includes('replay-increment') ? '.mission-completed' : wf.workflowId.includes('sale/replay-referral-sale') ? '.referral-signalled' : '') : '';
      // A refusal completes its workflow now: keep it apart from the completed operation of the same type.
      if (wf.typedSearchAttributes.get(searchAttributes.outcome)?.includes('refused')) variant += '.refused';
      const file = `${names[wf.type] ?? wf.type}${variant}.${wf.status.name.toLowerCase()}.json`;
      await saveHistory(wf.workflowId, wf.runId, file);
    }
  } finally {
    await h.close();
  }
});

const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

it('has recorded histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

it.each(files.length ? files : ['(none)'])('replays %s deterministically', async (file) => {
  installTestRuntime();
  // runReplayHistory takes the JSON export as is and decodes it with the SDK's own protobuf types.
  const history: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  // The run's one workflow bundle (global setup builds it from runtime/worker's workflowsPath), not a webpack run per history.
  await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().workflowBundlePath } }, history, file);
});

import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { workflowIds } from '../workflows/contracts/registry';
import { createHarness, type Harness } from './support/harness';
import { spawnScript, type SpawnedScript } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
import { customerWithPoints, saleWorld } from './fixtures/sales';

const EventType = temporal.api.enums.v1.EventType;

let h: Harness;
let scheme: TestScheme;
let crashing: SpawnedScript | undefined;

beforeAll(async () => {
  h = await createHarness({ worker: false });
  scheme = await createTestScheme(h);
});
afterAll(async () => {
  await crashing?.kill('SIGKILL');
  await h.close();
});

it('completes a workflow exactly once when its worker dies mid-activity', async () => {
  crashing = spawnScript('test/support/crashing-worker.ts', [h.taskQueue]);
  await crashing.waitFor('WORKER_READY');

  const key = randomUUID();
  const body = customerBody();
  const post = () => h.http.post('/v1/customers').set(scheme.headers).set('Idempotency-Key', key).send(body);
  const firstResponse = post().then((r) => r); // supertest sends only once then() is called

  // The insert has committed; the worker dies before telling Temporal.
  const insertedId = await crashing.waitFor('INSERTED ');
  await crashing.kill('SIGKILL');
  await h.startWorker();

  // The first call may outlive its 15 s wait (503 "still processing"); the
  // documented recovery is to repeat the same request with the same key.
  let res = await firstResponse;
  for (let i = 0; res.status === 503 && i < 10; i++) res = await post();
  expect(res.status).toBe(201);
  expect(res.body.id).toBe(insertedId);

  const rows = await h.orm.em
    .fork()
    .getConnection()
    .execute('select id from customers where scheme_id = ? and idempotency_key = ?', [scheme.id, key]);
  expect(rows).toEqual([{ id: insertedId }]);

  const [row] = await h.orm.em.fork().getConnection().execute('select request_hash from customers where id = ?', [insertedId]);
  const requestHash = (row as { request_hash: string }).request_hash;
  const handle = h.client.workflow.getHandle(workflowIds.createCustomer(scheme.id, key, requestHash));
  const history = await handle.fetchHistory();
  // The insert is a local activity inside the workflow task: the dead worker's task timed out, the next
  // worker's task ran the insert again (it found the committed row), and one result was recorded.
  const types = history.events?.map((e) => e.eventType) ?? [];
  expect(types.filter((t) => t === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT || t === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).length).toBeGreaterThanOrEqual(1);
  const inserts = history.events?.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity') ?? [];
  expect(inserts).toHaveLength(1);
  const completed = history.events?.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) ?? [];
  expect(completed).toHaveLength(1);
});

it('posts a sale exactly once when its worker dies after posting, before reporting', async () => {
  await crashing?.kill('SIGKILL');
  await h.stopWorker();
  await h.startWorker(); // fixtures need workflows for the customer
  const { outletId } = await saleWorld(h, scheme);
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await h.stopWorker();

  crashing = spawnScript('test/support/crashing-worker.ts', [h.taskQueue, 'postSale']);
  await crashing.waitFor('WORKER_READY');
  const uniqueId = `crash-${randomUUID()}`;
  const body = { customerId, outletId, uniqueId, lineItems: [{ quantity: 5, unitPrice: 5 }] };
  const first = h.http.post('/v1/transactions').set(scheme.headers).send(body).then((r) => r);
  await crashing.waitFor('INSERTED ');
  await crashing.kill('SIGKILL');
  await h.startWorker();

  let res = await first; // 202 RECEIVED if the retry outlived the wait; repeat like a till would
  for (let i = 0; i < 20 && res.status !== 201; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    res = await h.http.post('/v1/transactions').set(scheme.headers).send(body);
  }
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ pointsEarned: '150', pointsAfter: '150' });
  const bal = await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200);
  expect(bal.body.ledgers[0].available).toBe('150');
  const legs = await h.orm.em.fork().getConnection().execute("select count(*)::int as n from transfers where system_unique_key like ?", [`sale/${uniqueId}%`]);
  expect(legs).toEqual([{ n: 1 }]);
});

it('applies a return exactly once when its worker dies after committing, before reporting', async () => {
  await crashing?.kill('SIGKILL');
  await h.stopWorker();
  await h.startWorker();
  const { outletId } = await saleWorld(h, scheme);
  const { customerId } = await customerWithPoints(h, scheme, 0);
  const saleId = `crash-sale-${randomUUID()}`;
  await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId: saleId, lineItems: [{ quantity: 5, sku: 'k', unitPrice: 5 }] }).expect(201);
  await h.stopWorker();

  crashing = spawnScript('test/support/crashing-worker.ts', [h.taskQueue, 'postReturn']);
  await crashing.waitFor('WORKER_READY');
  const body = { sku: 'k', quantity: 2, uniqueId: `crash-return-${randomUUID()}` };
  const path = `/v1/transactions/${saleId}/returns/line-item`;
  const first = h.http.post(path).set(scheme.headers).send(body).then((r) => r);
  await crashing.waitFor('INSERTED ');
  await crashing.kill('SIGKILL');
  await h.startWorker();

  let res = await first; // 503 if the retry outlived the wait; repeat like a till would
  for (let i = 0; i < 20 && res.status !== 201; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    res = await h.http.post(path).set(scheme.headers).send(body);
  }
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ pointsDeducted: '60', pointsBefore: '150', pointsAfter: '90' });
  const bal = await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200);
  expect(bal.body.ledgers[0].available).toBe('90');
  const rows = await h.orm.em.fork().getConnection().execute('select count(*)::int as n from returns where unique_id = ?', [body.uniqueId]);
  expect(rows).toEqual([{ n: 1 }]);
  const stored = await h.http.get(`/v1/transactions/${saleId}`).set(scheme.headers).expect(200);
  expect(stored.body.returnable).toEqual([expect.objectContaining({ returned: 2, returnable: 3 })]);
});

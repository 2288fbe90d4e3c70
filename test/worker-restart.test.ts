import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { workflowIds } from '../workflows/definitions';
import { createHarness, type Harness } from './support/harness';
import { spawnScript, type SpawnedScript } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';

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
  const started = history.events?.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) ?? [];
  expect(started).toHaveLength(1);
  expect(started[0]?.activityTaskStartedEventAttributes?.attempt).toBeGreaterThanOrEqual(2);
  const completed = history.events?.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) ?? [];
  expect(completed).toHaveLength(1);
});

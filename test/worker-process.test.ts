import { randomUUID } from 'node:crypto';
import { freePort } from '../runtime/free-port';
import { eventually, spawnScript, type SpawnedScript } from './support/child-process';
import { testEnv } from './support/test-env';

// `npm run worker` alone, as a scaled-out deployment runs it: its own /healthz and /metrics, nothing else.
let worker: SpawnedScript;
let base: string;

beforeAll(async () => {
  const env = testEnv();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  worker = spawnScript('scripts/worker.ts', [], {
    DATABASE_URL: env.databaseUrl,
    TEMPORAL_ADDRESS: env.temporalAddress,
    TEMPORAL_NAMESPACE: env.namespace,
    TEMPORAL_TASK_QUEUE: `worker-process-${randomUUID()}`,
    PAYLOAD_KEYS: `test-run:${env.payloadKey}`,
    WORKER_PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  await eventually(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status ?? 0, (s) => s === 200, 120_000);
}, 150_000);
afterAll(() => worker?.kill('SIGKILL'));

it('answers /healthz while its worker runs, and serves its own and the Temporal SDK metrics', async () => {
  expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', worker: 'RUNNING' });
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toContain('# TYPE hub_points_total counter');
  expect(metrics).toMatch(/^temporal_worker_task_slots_available\{/m);
  expect(metrics).toMatch(/^process_cpu_seconds_total /m);
  const other = await fetch(`${base}/v1/transactions`);
  expect(other.status).toBe(404);
  expect(((await other.json()) as { error: { code: string } }).error.code).toBe('not_found');
});

it('stops on SIGTERM, draining its worker', async () => {
  await worker.kill('SIGTERM');
  expect(worker.child.exitCode).toBe(0);
});

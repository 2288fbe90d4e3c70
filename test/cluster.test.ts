import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, isPortOpen } from '../runtime/free-port';
import { alive, underLoad, type FaultReport } from '../bench/fault-load';
import { eventually, spawnScript, type SpawnedScript } from './support/child-process';

// `npm run start:cluster` as a process: the real Temporal server on its own embedded PostgreSQL, the API and two
// workers each a process of its own. A worker killed with SIGKILL leaves the other to carry the sales; Ctrl-C stops all.
let cluster: SpawnedScript;
let dataDir: string;
let base: string;
let headers: Record<string, string>;
let adminToken: string;
let outletId: string;
let workers: Array<{ pid: number; port: number }>;
let temporalPort: number;
const artifacts = path.resolve(__dirname, '../test-artifacts');

/** A base port with `span` free ports after it (the Temporal server takes its frontend port + 0..20). */
async function freeRange(span: number): Promise<number> {
  for (;;) {
    // Below 32767 with its span: Temporal stores membership ports as smallint.
    const start = 20_000 + Math.floor(Math.random() * 12_000);
    const taken = await Promise.all(Array.from({ length: span }, (_, i) => isPortOpen(start + i, '127.0.0.1', 100)));
    if (!taken.some(Boolean)) return start;
  }
}

const call = async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${base}${p}`, { method, headers: { ...headers, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-cluster-'));
  const [api, temporal, ui, pg] = [await freePort(), await freeRange(21), await freePort(), await freePort()];
  const worker = await freeRange(2);
  temporalPort = temporal;
  base = `http://127.0.0.1:${api}`;
  cluster = spawnScript('scripts/start-cluster.ts', [], {
    DATA_DIR: dataDir,
    PORT: String(api),
    WORKER_PORT: String(worker),
    TEMPORAL_DEV_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    EMBEDDED_POSTGRES_PORT: String(pg),
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    ADMIN_TOKEN: '',
    PAYLOAD_KEYS: '',
    LOG_LEVEL: 'warn',
  });
  const bannerFile = path.join(dataDir, 'start-banner.txt');
  await eventually(async () => existsSync(bannerFile), (found) => found, 240_000);
  const banner = readFileSync(bannerFile, 'utf8');
  headers = { 'X-Scheme': /X-Scheme: (\S+)/.exec(banner)?.[1] ?? '', 'X-ApiKey': /X-ApiKey: (\S+)/.exec(banner)?.[1] ?? '' };
  adminToken = /Authorization: Bearer (\S+)/.exec(banner)?.[1] ?? '';
  workers = [...banner.matchAll(/pid (\d+) .*localhost:(\d+)\/healthz/g)].map((m) => ({ pid: Number(m[1]), port: Number(m[2]) }));
  outletId = ((await call('GET', '/v1/outlets')).body.data as Array<{ id: string }>)[0]?.id ?? '';
}, 300_000);

afterAll(async () => {
  // The cluster's own log (warnings and errors of every process) is kept for whoever reads a failed run.
  await mkdir(artifacts, { recursive: true });
  await writeFile(path.join(artifacts, 'cluster.log'), cluster?.output() ?? '');
  await cluster?.kill('SIGKILL');
  for (const w of workers ?? []) if (alive(w.pid)) process.kill(w.pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

async function sale(customerId: string, uniqueId = `cl-${randomUUID()}`) {
  return call('POST', '/v1/transactions', { customerId, outletId, uniqueId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).catch(() => ({ status: 0, body: {} }));
}

const hub = () => ({ base, headers, outletId, adminToken });

/** What every fault must leave: each sale posted once, nothing stuck, and every answer in the gap an answer (201, 202 still running, or 503 with Retry-After — no 500, no hang). */
function expectExactlyOnce(r: FaultReport) {
  expect(r.lost).toBe(0);
  expect(r.doubled).toBe(0);
  expect(r.posted).toBe(r.sales);
  expect(r.stuck).toBe(0);
  expect(Object.keys(r.statuses).filter((s) => !['201', '202', '503'].includes(s))).toEqual([]);
}

describe('npm run start:cluster', () => {
  it('runs the API and two workers as processes of their own, on the real Temporal server', async () => {
    expect(workers).toHaveLength(2);
    for (const w of workers) expect(await (await fetch(`http://127.0.0.1:${w.port}/healthz`)).json()).toEqual({ status: 'ok', worker: 'RUNNING' });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const customer = await call('POST', '/v1/customers', { firstName: 'Ada', lastName: 'Lovelace', email: `ada.${randomUUID()}@example.test` });
    expect(customer.status).toBe(201);
    const sold = await sale(customer.body.id as string);
    expect(sold.status).toBe(201);
    expect(sold.body).toMatchObject({ status: 'COMPLETED', pointsEarned: '60' });
  });

  it('keeps a steady load going when one worker is SIGKILLed: the other finishes its work', async () => {
    const [dead, living] = workers as [{ pid: number; port: number }, { pid: number; port: number }];
    const r = await underLoad(hub(), { tills: 4 }, async () => {
      process.kill(dead.pid, 'SIGKILL');
      await eventually(async () => alive(dead.pid), (a) => !a);
    });
    console.log(`worker SIGKILL under 4 tills: ${JSON.stringify(r)}`);
    expectExactlyOnce(r);
    expect((await fetch(`http://127.0.0.1:${living.port}/healthz`)).status).toBe(200);
  }, 240_000);

  it('loses and doubles nothing when the Temporal server is SIGKILLed under load; it is restarted and the hub recovers by itself', async () => {
    const pid = Number(/pid (\d+), restarted/.exec(readFileSync(path.join(dataDir, 'start-banner.txt'), 'utf8'))?.[1]);
    expect(alive(pid)).toBe(true);
    const r = await underLoad(hub(), { tills: 4 }, async () => {
      process.kill(pid, 'SIGKILL');
    });
    console.log(`Temporal server SIGKILL under 4 tills: ${JSON.stringify(r)}`);
    expect(alive(pid)).toBe(false);
    expectExactlyOnce(r);
  }, 240_000);

  it('answers 503 while its PostgreSQL is down and recovers without a restart of the hub', async () => {
    const postmaster = () => Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const r = await underLoad(hub(), { tills: 4 }, async () => {
      process.kill(postmaster(), 'SIGKILL');
      // The gap is seen: the API says not ready (its PostgreSQL is down) before the supervisor has it back.
      await eventually(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status ?? 0, (st) => st === 503, 30_000);
    });
    console.log(`PostgreSQL SIGKILL under 4 tills: ${JSON.stringify(r)}`);
    expectExactlyOnce(r);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 240_000);

  it('stops every process on Ctrl-C (SIGINT): API, workers, Temporal', async () => {
    await cluster.kill('SIGINT');
    expect(cluster.child.exitCode).toBe(0);
    expect(alive(workers[1]!.pid)).toBe(false);
    expect(await isPortOpen(Number(new URL(base).port))).toBe(false);
    expect(await isPortOpen(temporalPort)).toBe(false);
  });
});

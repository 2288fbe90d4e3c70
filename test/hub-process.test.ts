import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { signWebhook } from '../domain/partners/webhook-signature';
import { freePort } from '../runtime/free-port';
import { workflowIds } from '../workflows/contracts/registry';
import { eventually, spawnScript, type SpawnedScript } from './support/child-process';
import { testEnv } from './support/test-env';
import { historyPayloads, mustBeSealed } from './support/history-payloads';

// `npm start` as users run it: one process with its own PostgreSQL and
// Temporal dev server, debug logging, a partner that keeps failing. What it
// writes to its log stream and to Temporal must hold no personal data and no
// secret; when its PostgreSQL or Temporal dies, it brings them back.
jest.setTimeout(240_000);

const adminToken = randomBytes(24).toString('base64url');
const admin = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
let hub: SpawnedScript;
let base: string;
let dataDir: string;
let temporalPort: number;
let partner: http.Server;
let firstSchemeId: string;
let firstSaleId: string;
const partnerCalls: string[] = [];

beforeAll(async () => {
  // A Loyalty+ that is down: every sync fails and retries, logging as it goes.
  partner = http.createServer((req, res) => {
    partnerCalls.push(`${req.method} ${req.url}`);
    res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"message":"down"}');
  });
  await new Promise<void>((r) => partner.listen(0, '127.0.0.1', r));
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-process-'));
  const [port, pgPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  temporalPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  hub = spawnScript('scripts/start.ts', [], {
    PORT: String(port),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    TEMPORAL_CLI_PATH: testEnv().temporalCliPath,
    DATA_DIR: dataDir,
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'debug',
  });
  // The log line; the banner itself (it holds secrets) goes to the terminal, or here, with no terminal, to a file.
  await eventually(async () => hub.output(), (out) => out.includes('"msg":"loyalty-hub is running"'), 180_000);
});

afterAll(async () => {
  await hub?.kill('SIGTERM');
  partner?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The fields these tests read from the hub's answers. */
type Answer = { id: string; key: string; webhookSecret: string };

async function call(method: string, route: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(base + route, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Answer };
}
const ready = async () => (await fetch(`${base}/readyz`).catch(() => null))?.status ?? 0;
const logLines = () => hub.output().split('\n').filter((l) => l.startsWith('{'));

describe('what the hub writes outside its database', () => {
  const secrets: Record<string, string> = { adminToken };
  let scheme: { id: string; headers: Record<string, string> };
  let saleId: string;

  beforeAll(async () => {
    const created = await call('POST', '/v1/schemes', admin, { name: `S ${randomUUID()}`, currency: 'EUR', timeZone: 'Europe/Malta' });
    expect(created.status).toBe(201);
    const key = await call('POST', `/v1/schemes/${created.body.id}/api-keys`, admin, { name: 'till' });
    expect(key.status).toBe(201);
    scheme = { id: created.body.id, headers: { 'X-Scheme': created.body.id, 'X-ApiKey': key.body.key } };
    Object.assign(secrets, { apiKey: key.body.key, apiKeyHash: createHash('sha256').update(key.body.key).digest('hex') });

    const ops = { ...admin, 'X-Scheme': scheme.id };
    const lpKey = `lp-key-${randomBytes(8).toString('hex')}`;
    const lpOwner = `lp-owner-${randomBytes(8).toString('hex')}`;
    const conn = await call('POST', '/v1/connections', ops, { partner: 'loyaltyplus', name: 'lp', baseUrl: `http://127.0.0.1:${(partner.address() as AddressInfo).port}`, credentials: { apiKey: lpKey, ownerToken: lpOwner }, events: ['customer', 'sale'], retryHorizonSeconds: 60 });
    expect(conn.status).toBe(201);
    Object.assign(secrets, { lpKey, lpOwner, webhookSecret: conn.body.webhookSecret });

    const person = { firstName: 'Zebulon', lastName: 'Farquharson', email: `zeb.${randomUUID()}@example.test`, phone: '+35679123987' };
    Object.assign(secrets, person);
    const customer = await call('POST', '/v1/customers', scheme.headers, person);
    expect(customer.status).toBe(201);
    // The same email again: the database refuses it (a unique violation), which used to log its SQL and values.
    expect((await call('POST', '/v1/customers', scheme.headers, { ...person, phone: '+35679000111' })).status).toBe(409);
    const outlet = await call('POST', '/v1/outlets', scheme.headers, { name: 'Main street' });
    saleId = `sale-${randomUUID()}`;
    [firstSchemeId, firstSaleId] = [scheme.id, saleId];
    secrets.receipt = `RCPT-${randomBytes(6).toString('hex')}`;
    const sale = await call('POST', '/v1/transactions', scheme.headers, { customerId: customer.body.id, outletId: outlet.body.id, uniqueId: saleId, receiptNumber: secrets.receipt, lineItems: [{ quantity: 2, sku: 'sku-1', unitPrice: 4.5 }] });
    expect([200, 201, 202]).toContain(sale.status);
    // A webhook with a wrong signature, and one signed with the secret.
    const raw = JSON.stringify({ id: `evt-${randomUUID()}`, type: 'customer.updated', occurredAt: new Date().toISOString(), data: { customerId: 'lp-1', email: secrets.email } });
    const hook = (secret: string) => call('POST', `/v1/webhooks/loyaltyplus/${conn.body.id}`, { 'X-Hub-Signature': signWebhook(secret, Math.floor(Date.now() / 1000), raw) }, raw);
    expect((await hook('whsec_wrong')).status).toBe(401);
    expect((await hook(conn.body.webhookSecret)).status).toBe(202);
    // Let the partner sync fail a few times.
    await eventually(async () => partnerCalls.length, (n) => n >= 3, 60_000);
  });

  it('writes the start banner, with the demo API key, to an owner-only file and not to the redirected log stream', () => {
    const file = path.join(dataDir, 'start-banner.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const demoKey = /X-ApiKey: (lhk_\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
    expect(demoKey).toMatch(/^lhk_/);
    // Everything the process wrote to stdout and stderr — what `npm start > hub.log 2>&1` keeps.
    const everything = hub.output();
    expect(everything).toContain(`"file":"${file}"`);
    expect(everything).not.toContain(demoKey as string);
    expect(everything).not.toContain(adminToken);
  });

  it("puts the request id on activity log lines, and an activity's task token only on debug lines", () => {
    const entries = logLines().map((l) => JSON.parse(l) as Record<string, unknown>);
    const activity = entries.filter((e) => typeof e.activityType === 'string');
    expect(activity.some((e) => typeof e.requestId === 'string' && e.requestId !== '')).toBe(true);
    const withToken = entries.filter((e) => 'taskToken' in e);
    expect(withToken.length).toBeGreaterThan(0);
    expect(withToken.filter((e) => e.level !== 20)).toEqual([]);
  });

  it('keeps personal data and secrets out of every log line, at debug level', () => {
    const lines = logLines();
    expect(lines.length).toBeGreaterThan(20);
    const leaks = Object.entries(secrets).flatMap(([what, value]) => (lines.some((l) => l.includes(value)) ? [what] : []));
    expect(leaks).toEqual([]);
  });

  it("serves the hub's business metrics and the Temporal SDK's worker metrics on one /metrics, without secrets", async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(new RegExp(`^hub_requests_total\\{operation="sale",scheme="${scheme.id}",outlet="[^"]+",outcome="(completed|received)"\\} 1$`, 'm'));
    expect(text).toMatch(/^hub_webhook_deliveries_total\{partner="loyaltyplus",outcome="rejected"\} 1$/m);
    expect(text).toMatch(/^hub_webhook_deliveries_total\{partner="loyaltyplus",outcome="accepted"\} 1$/m);
    // The SDK's own: worker slots and task latencies, from its Rust core.
    expect(text).toMatch(/^temporal_worker_task_slots_available\{/m);
    expect(text).toMatch(/^temporal_workflow_task_schedule_to_start_latency_bucket\{/m);
    const leaks = Object.entries(secrets).flatMap(([what, value]) => (text.includes(value) ? [what] : []));
    expect(leaks).toEqual([]);

    // Every series the committed Grafana dashboard queries is one this /metrics serves.
    const dashboard = JSON.parse(readFileSync(path.join(__dirname, '../ops/grafana/loyalty-hub.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const queried = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\b(hub|http|temporal|process|nodejs)_\w+/g) ?? [])));
    expect(queried.size).toBeGreaterThan(10);
    // A sample, or the TYPE line a labelled series has before its first sample; histograms by their sample names.
    const typed = [...text.matchAll(/^# TYPE (\w+) (\w+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name as string]));
    const served = new Set([...[...text.matchAll(/^(\w+)[{ ]/gm)].map((m) => m[1]), ...typed]);
    expect([...queried].filter((name) => !served.has(name))).toEqual([]);
  });

  it('stores workflow payloads in Temporal encrypted with a key only the hub has', async () => {
    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    try {
      const client = new Client({ connection });
      const history = await client.workflow.getHandle(workflowIds.recordSale(scheme.id, saleId)).fetchHistory();
      const payloads = historyPayloads(history);
      expect(payloads.filter(mustBeSealed).length).toBeGreaterThan(2);
      expect(payloads.filter(mustBeSealed).filter((p) => p.encoding !== 'binary/encrypted')).toEqual([]);
      const readable = JSON.stringify(payloads);
      const leaks = Object.entries(secrets).flatMap(([what, value]) => (readable.includes(value) ? [what] : []));
      expect(leaks).toEqual([]);
    } finally {
      await connection.close();
    }
    // The key lives in the data directory, readable by the hub's user only.
    const mode = statSync(path.join(dataDir, 'payload.keys')).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});

describe("a till's day in each dialect, against npm start", () => {
  let tillArgs: string[];

  beforeAll(async () => {
    const created = await call('POST', '/v1/schemes', admin, { name: `Tills ${randomUUID()}`, currency: 'EUR', timeZone: 'Europe/Malta' });
    const key = await call('POST', `/v1/schemes/${created.body.id}/api-keys`, admin, { name: 'till' });
    expect((await call('PUT', `/v1/schemes/${created.body.id}/rules`, admin, { earnPerUnit: 6, redeemPointsPerUnit: 100, overrides: [] })).status).toBe(200);
    expect((await call('POST', '/v1/outlets', { 'X-Scheme': created.body.id, 'X-ApiKey': key.body.key }, { name: 'Main Street' })).status).toBe(201);
    tillArgs = ['--base', base, '--scheme', created.body.id, '--key', key.body.key];
  });

  const runTill = async (script: string) => {
    const till = spawnScript(script, tillArgs);
    const code = await new Promise<number | null>((resolve) => till.child.once('exit', resolve));
    return { code, output: till.output() };
  };

  it.each([['scripts/till-loyale.ts'], ['scripts/till-loyaltyplus.ts']])('%s runs a day at the shop: every step answered as its dialect documents', async (script) => {
    const { code, output } = await runTill(script);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('every step as documented') });
  });
});

describe('its own PostgreSQL and Temporal, when they die', () => {
  const pid = (file: string) => Number(readFileSync(path.join(dataDir, file), 'utf8').split('\n')[0]);
  let headers: Record<string, string>;

  beforeAll(async () => {
    const created = await call('POST', '/v1/schemes', admin, { name: `S ${randomUUID()}`, currency: 'EUR', timeZone: 'Europe/Malta' });
    const key = await call('POST', `/v1/schemes/${created.body.id}/api-keys`, admin, { name: 'till' });
    headers = { 'X-Scheme': created.body.id, 'X-ApiKey': key.body.key };
  });

  /** Killed: the hub notices, starts it again (a new process) and serves as before. */
  const killAndWatch = async (pidFile: string, name: string) => {
    expect(await ready()).toBe(200);
    const before = pid(pidFile);
    process.kill(before, 'SIGKILL');
    await eventually(async () => logLines().some((l) => l.includes(`${name} restarted`)), Boolean, 60_000);
    expect(pid(pidFile)).not.toBe(before);
    expect(logLines().some((l) => l.includes(`${name} exited unexpectedly`))).toBe(true);
    await eventually(ready, (s) => s === 200, 90_000);
    const customer = await eventually(() => call('POST', '/v1/customers', headers, { firstName: 'Back' }), (r) => r.status === 201, 30_000);
    expect(customer.body.id).toBeDefined();
  };

  it('restarts a PostgreSQL that was killed', async () => {
    await killAndWatch('postgres/postmaster.pid', 'PostgreSQL');
  });

  it('restarts a Temporal dev server that was killed, keeping its history', async () => {
    await killAndWatch('temporal/dev-server.pid', 'Temporal dev server');
    // A workflow from before the kill is still there (SQLite under DATA_DIR).
    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    try {
      const history = await new Client({ connection }).workflow.getHandle(workflowIds.recordSale(firstSchemeId, firstSaleId)).fetchHistory();
      expect(history.events?.at(-1)?.eventType).toBe(temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    } finally {
      await connection.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../config';
import { signWebhook } from '../domain/partners/webhook-signature';
import { buildConsole } from '../scripts/build-console';
import { createHarness, type Harness } from './support/harness';
import { testEnv } from './support/test-env';
import { eventually } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

// The admin console, end to end in real headless Chromium (Debian's: `apt-get install -y chromium`), against a
// hub on 127.0.0.1 with real PostgreSQL and Temporal. One screenshot per page goes to test-artifacts/console/.
const artifacts = path.resolve(__dirname, '../test-artifacts/console');
const { chromiumPath } = loadConfig();

let h: Harness;
let scheme: TestScheme;
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
let customer: { id: string; email: string };
let saleId: string;
let failedSyncId: string;

const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`No browser at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  await buildConsole();
  await mkdir(artifacts, { recursive: true });
  h = await createHarness();
  scheme = await createTestScheme(h, { name: `Console ${randomUUID().slice(0, 8)}` });
  const { outletId } = await saleWorld(h, scheme);

  // A customer with a history: points minted, a sale that earns and redeems, a hold.
  const c = await customerWithPoints(h, scheme, 1000);
  customer = { id: c.customerId, email: (await h.http.get(`/v1/customers/${c.customerId}`).set(scheme.headers).expect(200)).body.email };
  saleId = `console-${randomUUID()}`;
  await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId: customer.id, outletId, uniqueId: saleId, lineItems: [{ quantity: 2, unitPrice: 10 }], paymentMethods: [{ type: 'Cash', amount: 15 }, { type: 'Loyale Redemption', amount: 5 }] }).expect(201);
  await h.http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId: customer.id, outletId, points: 100 }).expect(201);

  // A partner connection with one sync that failed, and one inbound webhook event.
  const ops = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
  const conn = (await h.http.post('/v1/connections').set(ops).send({ partner: 'loyaltyplus', name: 'Loyalty+ shop', baseUrl: 'http://127.0.0.1:9', credentials: { apiKey: 'k', ownerToken: 'jwt' }, events: ['customer'] }).expect(201)).body as { id: string; webhookSecret: string };
  await h.http.post('/v1/tiers').set(ops).send({ name: 'Silver', active: true, minRequiredPoints: 1000, tierOrder: 1, customAttributes: {}, isDefault: false, earnMultiplierPercent: 125 }).expect(201);
  failedSyncId = randomUUID();
  await h.orm.em.fork().getConnection().execute(
    `insert into sync_records (id, scheme_id, connection_id, kind, operation_key, customer_id, status, attempts, last_error, payload, workflow_id, created_at, updated_at)
     values (?, ?, ?, 'customer', ?, ?, 'FAILED', 5, 'connect ECONNREFUSED 127.0.0.1:9', '{}', ?, now(), now())`,
    [failedSyncId, scheme.id, conn.id, `customer/${customer.id}`, customer.id, `sync/${failedSyncId}`],
  );
  const raw = JSON.stringify({ id: `evt-${randomUUID()}`, type: 'customer.updated', occurredAt: new Date().toISOString(), data: { customerId: 'lp-unknown' } });
  await h.http.post(`/v1/webhooks/loyaltyplus/${conn.id}`).set('Content-Type', 'application/json').set('X-Hub-Signature', signWebhook(conn.webhookSecret, Math.floor(Date.now() / 1000), raw)).send(raw).expect(202);

  server = await new Promise<Server>((resolve) => {
    const s = h.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Nothing the page does may reach another origin (the CSP says so; this proves the bundle needs none).
  await page.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await h?.close();
});

describe('the admin console in a real browser', () => {
  it('signs in with the admin token only, and refuses a wrong one', async () => {
    const res = await page.goto(`${base}/console`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('Admin token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('admin');
    await shot('sign-in');
    await page.getByLabel('Admin token').fill(h.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Every test file's schemes share this database: the chooser narrows by name.
    await page.getByLabel('Scheme name').fill(scheme.name.slice(-8).toUpperCase());
    await page.getByRole('button', { name: new RegExp(scheme.name) }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
  });

  it('finds a customer by email and shows balance, signed points history with running balance, sales and workflow links', async () => {
    await page.getByLabel('Search by').selectOption('email');
    await page.getByPlaceholder(/example\.com/).fill(customer.email);
    await page.getByRole('button', { name: 'Find' }).click();
    await shot('customers');
    await page.locator('table a').first().click();
    await page.getByRole('heading', { name: 'Points history' }).waitFor();
    const history = page.locator('table.history tbody tr');
    await history.first().waitFor();

    // The API's own view of the same customer is what the page must show.
    const api = (await h.http.get(`/v1/customers/${customer.id}/points-history`).set(scheme.headers).expect(200)).body.data as Array<{ reason: string; amount: string; balance: string }>;
    const balance = (await h.http.get(`/v1/customers/${customer.id}/balance`).set(scheme.headers).expect(200)).body.ledgers[0];
    await expect(page.getByTestId('available').locator('strong').textContent()).resolves.toBe(Number(balance.available).toLocaleString('en-US'));
    expect(await history.count()).toBe(api.length);
    const rows = await history.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.map((r) => r[1])).toEqual(api.map((l) => l.reason));
    const sign = (a: string) => (a.startsWith('-') ? `−${Number(a.slice(1)).toLocaleString('en-US')}` : `+${Number(a).toLocaleString('en-US')}`);
    expect(rows.map((r) => r[3])).toEqual(api.map((l) => sign(l.amount)));
    expect(rows.map((r) => r[4])).toEqual(api.map((l) => Number(l.balance).toLocaleString('en-US')));
    expect(new Set(api.map((l) => l.reason))).toEqual(new Set(['adjustment', 'sale', 'redemption', 'hold']));

    // Temporal's visibility trails a moment: the sale's workflow link appears once it lists it (reload until then).
    const link = page.locator('#workflows a', { hasText: 'recordSale' });
    await eventually(async () => {
      if ((await link.count()) > 0) return true;
      await page.reload();
      await page.locator('#workflows table, #workflows p').first().waitFor();
      return (await link.count()) > 0;
    }, (found) => found, 30_000);
    const href = await page.locator('#workflows a', { hasText: 'recordSale' }).getAttribute('href');
    expect(href).toContain(`http://temporal-ui.test/namespaces/${testEnv().namespace}/workflows/`);
    expect(decodeURIComponent(href ?? '')).toContain(saleId);
    await expect(page.locator('#sales').textContent()).resolves.toContain(saleId);
    await shot('customer');

    await page.getByLabel('Reason').selectOption('sale');
    const reasons = () => history.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-reason')));
    const sales = api.filter((l) => l.reason === 'sale').length;
    await eventually(reasons, (r) => r.length === sales && r.every((x) => x === 'sale'));
  });

  it('edits the point rules under the API validation: a wrong value names its field, a right one is saved', async () => {
    await page.getByRole('link', { name: 'Rules & programmes' }).click();
    const editor = page.getByRole('form', { name: 'Point rules' });
    const text = editor.locator('textarea');
    await text.waitFor();
    const rules = JSON.parse(await text.inputValue()) as Record<string, unknown>;
    await text.fill(JSON.stringify({ ...rules, earnPerUnit: -3 }, null, 2));
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor.getByRole('alert').textContent()).resolves.toContain('earnPerUnit');
    await shot('rules-invalid');
    await text.fill(JSON.stringify({ ...rules, earnPerUnit: 7 }, null, 2));
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('status').waitFor();
    const saved = await h.http.get(`/v1/schemes/${scheme.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).expect(200);
    expect(Number(saved.body.earnPerUnit)).toBe(7);

    // A programme (a tier) edited the same way.
    await page.getByRole('button', { name: 'Edit Silver' }).click();
    const tier = page.getByRole('form', { name: 'Edit tier' });
    const tierText = tier.locator('textarea');
    const view = JSON.parse(await tierText.inputValue()) as Record<string, unknown>;
    expect(view).not.toHaveProperty('id');
    await tierText.fill(JSON.stringify({ ...view, earnMultiplierPercent: 150 }, null, 2));
    await tier.getByRole('button', { name: 'Save' }).click();
    await tier.getByRole('status').waitFor();
    const tiers = await h.http.get('/v1/tiers').set(scheme.headers).expect(200);
    expect(tiers.body.data.map((t: { name: string; earnMultiplierPercent: number }) => [t.name, t.earnMultiplierPercent])).toEqual([['Silver', 150]]);
    await shot('rules');
  });

  it('shows the failed partner sync and queues it again with the retry button', async () => {
    await page.getByRole('link', { name: 'Partners' }).click();
    await page.getByRole('heading', { name: 'Partners' }).waitFor();
    const row = page.locator(`tr[data-sync="${failedSyncId}"]`);
    await expect(row.textContent()).resolves.toContain('ECONNREFUSED');
    await shot('partners');
    await row.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Queued again: 1').waitFor();
    await row.waitFor({ state: 'detached' });
    const rows = (await h.orm.em.fork().getConnection().execute('select status from sync_records where id = ?', [failedSyncId])) as Array<{ status: string }>;
    expect(rows.map((r) => r.status)).not.toContain('FAILED');
    expect(rows).toHaveLength(1);
  });

  it("pages a customer's workflows newest first, each once", async () => {
    const ops = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
    const all = async () => {
      const seen: Array<{ type: string; startedAt: string; runId: string }> = [];
      let cursor: string | null = null;
      do {
        const res: { body: { data: typeof seen; nextCursor: string | null } } = await h.http.get(`/v1/customers/${customer.id}/workflows`).query({ limit: 1, ...(cursor ? { cursor } : {}) }).set(ops).expect(200);
        seen.push(...res.body.data);
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    // Those of the setup, and the partner sync the retry above started for this customer (visibility trails a moment).
    const expected = ['createCustomer', 'holdPoints', 'recordSale', 'syncOperation'];
    const runs = await eventually(all, (r) => expected.every((t) => r.some((w) => w.type === t)));
    expect(new Set(runs.map((r) => r.runId)).size).toBe(runs.length);
    expect(runs.map((r) => r.startedAt)).toEqual(runs.map((r) => r.startedAt).sort().reverse());
    await h.http.get(`/v1/customers/${customer.id}/workflows`).query({ cursor: 'bm90LWEtY3Vyc29y' }).set(ops).expect(400);
  });

  it('lists inbound webhook events', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhook events' }).waitFor();
    await expect(page.locator('table tbody').textContent()).resolves.toContain('customer.updated');
    await shot('webhooks');
  });
});

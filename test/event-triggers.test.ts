import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../domain/partners/webhook-signature';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { eventually } from './support/child-process';
import { createHarness, type Harness } from './support/harness';

/**
 * Event triggers: a retailer's receiver (a live loopback HTTP server here)
 * gets every event of its types as a signed POST, once, in order per
 * customer — also after being down — with the attempts visible, a filter
 * that excludes, and a redelivery on request.
 */
let h: Harness;
let scheme: TestScheme;
let outletId: string;
let ops: Record<string, string>;

/** A receiver that records what it is sent, and can be down (503). */
class Receiver {
  readonly got: Array<{ headers: IncomingHttpHeaders; raw: string }> = [];
  down = false;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.down) {
          res.writeHead(503).end('maintenance');
          return;
        }
        this.got.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  events() {
    return this.got.map((g) => JSON.parse(g.raw) as { id: string; type: string; key: string; customerId: string; payload: Record<string, unknown> });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const receiver = new Receiver();

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
  ops = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await h.close();
});

type Delivery = { id: string; eventKey: string; eventType: string; status: string; attempts: number; lastError: string | null; nextAttemptAt: string | null; run: number };
const trigger = async (settings: Record<string, unknown>) =>
  (await h.http.post('/v1/event-triggers').set(ops).send({ type: 'WebHook', name: `t-${randomUUID().slice(0, 6)}`, settings: { url: receiver.url, retryHorizonSeconds: 600, ...settings } }).expect(201)).body as {
    trigger: { id: string };
    signingSecret: string;
  };
const deliveries = async (triggerId: string, headers = ops) => (await h.http.get(`/v1/event-triggers/${triggerId}/deliveries`).query({ limit: 200 }).set(headers).expect(200)).body.data as Delivery[];
const adjust = (customerId: string, points: number, reason: string) => h.http.post(`/v1/customers/${customerId}/adjustments`).set(scheme.headers).send({ points, reason }).expect(201);

it('a receiver down and then up gets every event once, in order, signed; the attempts show while it retries', async () => {
  const { trigger: t, signingSecret } = await trigger({ eventTypes: ['ledger-transaction-created', 'member-purchase-order-confirmed'] });
  expect(signingSecret).toMatch(/^whsec_/);
  expect(JSON.stringify((await h.http.get(`/v1/event-triggers/${t.id}`).set(ops).expect(200)).body)).not.toContain(signingSecret);
  const { customerId } = await customerWithPoints(h, scheme, 0);
  receiver.down = true;
  await adjust(customerId, 10, 'first');
  await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
  await adjust(customerId, 5, 'third');

  // The first is retrying (attempts and the last error visible); the customer's next ones wait behind it.
  const waiting = await eventually(() => deliveries(t.id), (ds) => ds.length === 4 && (ds[0]?.attempts ?? 0) >= 2, 30_000);
  expect(waiting[0]).toMatchObject({ status: 'PENDING', lastError: 'the receiver answered 503', nextAttemptAt: expect.any(String) });
  expect(waiting.slice(1).map((d) => [d.status, d.attempts])).toEqual([['PENDING', 0], ['PENDING', 0], ['PENDING', 0]]);
  expect(receiver.got).toHaveLength(0);

  receiver.down = false;
  const done = await eventually(() => deliveries(t.id), (ds) => ds.every((d) => d.status === 'DELIVERED'), 60_000);
  // The sale's own ledger transaction is announced too (the trigger listens for the type), after its purchase.
  expect(done.map((d) => d.eventType)).toEqual(['ledger-transaction-created', 'member-purchase-order-confirmed', 'ledger-transaction-created', 'ledger-transaction-created']);
  const mine = receiver.events().filter((e) => e.customerId === customerId);
  expect(mine.map((e) => e.key)).toEqual(done.map((d) => d.eventKey));
  expect(mine.map((e) => e.payload.reason ?? e.payload.code ?? e.type)).toEqual(['first', 'member-purchase-order-confirmed', 'sale', 'third']);
  for (const g of receiver.got) {
    expect(() => verifyWebhookSignature({ secret: signingSecret, header: g.headers['x-hub-signature'] as string, rawBody: Buffer.from(g.raw), nowSeconds: Math.floor(Date.now() / 1000) })).not.toThrow();
    expect(g.headers['x-hub-event']).toBe(JSON.parse(g.raw).type);
  }
});

it('a filter excludes what it should (FILTERED, never posted); a redelivery posts a delivered event again as a new run', async () => {
  const { trigger: t } = await trigger({ eventTypes: ['ledger-transaction-created'], filter: { '==': [{ var: 'payload.code' }, 'topup'] } });
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await adjust(customerId, 3, 'not a top-up');
  await h.http.post('/api/ExternalPos/TopUp').set(scheme.headers).send({ customerId, uniqueId: `t-${randomUUID()}`, points: 7 }).expect(201);
  const settled = await eventually(() => deliveries(t.id), (ds) => ds.length === 2 && ds.every((d) => d.status !== 'PENDING'), 30_000);
  expect(settled.map((d) => d.status)).toEqual(['FILTERED', 'DELIVERED']);
  // What this trigger's deliveries posted (the first test's trigger hears these events too).
  const posted = () => receiver.got.filter((g) => settled.some((d) => d.id === g.headers['x-hub-delivery'])).map((g) => g.headers['x-hub-delivery']);
  expect(posted()).toEqual([settled[1]?.id]);

  const again = await h.http.post(`/v1/trigger-deliveries/${settled[1]?.id}/redeliver`).set(ops).expect(202);
  expect(again.body.delivery).toMatchObject({ status: 'PENDING', run: 1 });
  await eventually(() => deliveries(t.id), (ds) => ds[1]?.status === 'DELIVERED' && ds[1]?.run === 1, 30_000);
  expect(posted()).toEqual([settled[1]?.id, settled[1]?.id]);
});

it('an inactive trigger posts nothing; another scheme sees none of it; a bad URL or filter is a 400', async () => {
  const { trigger: t } = await trigger({ eventTypes: ['ledger-transaction-created'] });
  const body = { type: 'WebHook', name: 'off', active: false, settings: { url: receiver.url, eventTypes: ['ledger-transaction-created'] } };
  await h.http.put(`/v1/event-triggers/${t.id}`).set(ops).send(body).expect(200);
  const { customerId } = await customerWithPoints(h, scheme, 0);
  await adjust(customerId, 1, 'quiet');
  expect(await deliveries(t.id)).toEqual([]);

  const stranger = await createTestScheme(h);
  const theirs = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': stranger.id };
  await h.http.get(`/v1/event-triggers/${t.id}`).set(theirs).expect(404);
  await h.http.get(`/v1/event-triggers/${t.id}/deliveries`).set(theirs).expect(404);
  await h.http.post('/v1/event-triggers').set(ops).send({ ...body, settings: { ...body.settings, url: 'ftp://x' } }).expect(400);
  await h.http.post('/v1/event-triggers').set(ops).send({ ...body, settings: { ...body.settings, filter: { nope: 1 } } }).expect(400);
  await h.http.delete(`/v1/event-triggers/${t.id}`).set(ops).expect(204);
  await h.http.get(`/v1/event-triggers/${t.id}`).set(ops).expect(404);
});

it('a sale raises the side events listened for — its ledger transaction, a book code used, a simple coupon used — once; none where nobody listens', async () => {
  const s = await createTestScheme(h);
  const { outletId: shop } = await saleWorld(h, s);
  const admin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': s.id };
  const t = (await h.http.post('/v1/event-triggers').set(admin).send({ type: 'WebHook', name: 'side', settings: { url: receiver.url, eventTypes: ['ledger-transaction-created', 'coupon-code-used', 'benefit-used'] } }).expect(201)).body.trigger as { id: string };
  const { customerId } = await customerWithPoints(h, s, 0);
  const simple = `B-${randomUUID().slice(0, 8)}`;
  await h.http.post('/v1/coupons').set(s.headers).send({ code: simple, type: 'amount_off', value: 100 }).expect(201);
  const book = (await h.http.post('/v1/coupon-books').set(s.headers).send({ name: 'Till book', discountType: 'amount_off', discountAmount: 50, publishingStatus: 'published' }).expect(201)).body.couponBook as { id: string };
  await h.http.post(`/v1/coupon-books/${book.id}/codes`).set(s.headers).send({ generate: 1 }).expect(201);
  const [usage] = (await h.http.post(`/v1/coupon-books/${book.id}/assign`).set(s.headers).send({ memberId: customerId, systemUniqueKeys: [`k-${randomUUID()}`] }).expect(201)).body.couponUsages as Array<{ code: string }>;
  const uniqueId = `side-${randomUUID()}`;
  const sale = { customerId, outletId: shop, uniqueId, lineItems: [{ quantity: 1, unitPrice: 2000 }], coupons: [simple, usage?.code] };
  await h.http.post('/v1/transactions').set(s.headers).send(sale).expect(201);
  await h.http.post('/v1/transactions').set(s.headers).send(sale).expect(201); // a till's retry: replayed, nothing new

  const done = await eventually(() => deliveries(t.id, admin), (ds) => ds.length >= 3 && ds.every((d) => d.status === 'DELIVERED'), 30_000);
  expect(done.map((d) => [d.eventType, d.eventKey]).sort()).toEqual(
    [
      ['benefit-used', `benefit/sale/${uniqueId}/${simple}`],
      ['coupon-code-used', `coupon/sale/${uniqueId}/${usage?.code}`],
      ['ledger-transaction-created', `ledger/sale/${uniqueId}`],
    ].sort(),
  );
  const posted = receiver.events().filter((e) => e.customerId === customerId);
  expect(posted.find((e) => e.type === 'coupon-code-used')?.payload).toEqual({ couponBookId: book.id, code: usage?.code, saleUniqueId: uniqueId });
  expect(posted.find((e) => e.type === 'ledger-transaction-created')?.payload).toMatchObject({ systemUniqueKey: `sale/${uniqueId}`, code: 'sale', pointsEarned: expect.any(String) });

  // A scheme nobody listens to records the purchase alone.
  const quiet = await createTestScheme(h);
  const { outletId: quietShop } = await saleWorld(h, quiet);
  const q = await customerWithPoints(h, quiet, 0);
  await h.http.post('/v1/transactions').set(quiet.headers).send({ customerId: q.customerId, outletId: quietShop, uniqueId: `q-${randomUUID()}`, lineItems: [{ quantity: 1, unitPrice: 2000 }] }).expect(201);
  const events = (await h.http.get(`/v1/customers/${q.customerId}/events`).query({ limit: 25 }).set(quiet.headers).expect(200)).body.data as Array<{ type: string }>;
  expect(events.map((e) => e.type).filter((type) => type !== 'member-created')).toEqual(['member-purchase-order-confirmed']);
});

it('announces a member deactivated once per change from active (blocked, blocked again after an unblock), not for a repeat', async () => {
  const { trigger: t } = await trigger({ eventTypes: ['member-profile-deactivated'] });
  const { customerId } = await customerWithPoints(h, scheme, 0);
  const set = (status: string) => h.http.put(`/v1/customers/${customerId}`).set(scheme.headers).send({ status }).expect(200);
  await set('BLOCKED');
  await set('BLOCKED');
  await set('ACTIVE');
  await set('BLOCKED');
  const done = await eventually(() => deliveries(t.id), (ds) => ds.length >= 2 && ds.every((d) => d.status === 'DELIVERED'), 30_000);
  expect(done.map((d) => d.eventType)).toEqual(['member-profile-deactivated', 'member-profile-deactivated']);
  const posted = receiver.events().filter((e) => e.type === 'member-profile-deactivated' && e.customerId === customerId);
  expect(posted.map((e) => e.payload)).toEqual([{ customerId, reason: 'blocked' }, { customerId, reason: 'blocked' }]);
});

it('a sale whose purchase goes on the bus (a mission counts it) still reaches a trigger before its side events', async () => {
  const s = await createTestScheme(h);
  const { outletId: shop } = await saleWorld(h, s);
  const admin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': s.id };
  await h.http.post('/v1/missions').set(admin).send({ name: 'Buy', code: `M-${randomUUID().slice(0, 8)}`, eventType: 'member-purchase-order-confirmed', goalCount: 5, maxRepetitions: 1 }).expect(201);
  const t = (await h.http.post('/v1/event-triggers').set(admin).send({ type: 'WebHook', name: 'both', settings: { url: receiver.url, eventTypes: ['member-purchase-order-confirmed', 'ledger-transaction-created'] } }).expect(201)).body.trigger as { id: string };
  const { customerId } = await customerWithPoints(h, s, 0);
  const uniqueId = `bus-${randomUUID()}`;
  await h.http.post('/v1/transactions').set(s.headers).send({ customerId, outletId: shop, uniqueId, lineItems: [{ quantity: 1, unitPrice: 2000 }] }).expect(201);
  const done = await eventually(() => deliveries(t.id, admin), (ds) => ds.length >= 2 && ds.every((d) => d.status === 'DELIVERED'), 30_000);
  expect(done.map((d) => d.eventKey)).toEqual([`sale/${uniqueId}`, `ledger/sale/${uniqueId}`]);
});

it('rotates a signing secret: deliveries carry both signatures during the overlap, only the new one after a rotation without overlap', async () => {
  const { trigger: t, signingSecret: first } = await trigger({ eventTypes: ['ledger-transaction-created'] });
  const { customerId } = await customerWithPoints(h, scheme, 0);
  const rotated = (await h.http.post(`/v1/event-triggers/${t.id}/secret`).set(ops).send({ previousValidForSeconds: 3600 }).expect(200)).body as { signingSecret: string; previousSecretValidUntil: string };
  expect(rotated.signingSecret).not.toBe(first);
  expect(Date.parse(rotated.previousSecretValidUntil)).toBeGreaterThan(Date.now());
  expect(JSON.stringify((await h.http.get(`/v1/event-triggers/${t.id}`).set(ops).expect(200)).body)).not.toContain(rotated.signingSecret);

  const signed = async (reason: string) => {
    await adjust(customerId, 1, reason);
    const d = await eventually(() => deliveries(t.id), (ds) => ds.some((x) => x.status === 'DELIVERED' && !seen.has(x.id)), 30_000);
    const fresh = d.find((x) => x.status === 'DELIVERED' && !seen.has(x.id)) as Delivery;
    seen.add(fresh.id);
    const got = receiver.got.find((g) => g.headers['x-hub-delivery'] === fresh.id);
    return { header: got?.headers['x-hub-signature'] as string, rawBody: Buffer.from(got?.raw ?? '') };
  };
  const seen = new Set<string>();
  const verifies = (secret: string, s: { header: string; rawBody: Buffer }) => {
    try {
      verifyWebhookSignature({ secret, ...s, nowSeconds: Math.floor(Date.now() / 1000) });
      return true;
    } catch {
      return false;
    }
  };
  const during = await signed('during the overlap');
  expect([verifies(rotated.signingSecret, during), verifies(first, during)]).toEqual([true, true]);

  const last = (await h.http.post(`/v1/event-triggers/${t.id}/secret`).set(ops).send({ previousValidForSeconds: 0 }).expect(200)).body as { signingSecret: string; previousSecretValidUntil: string | null };
  expect(last.previousSecretValidUntil).toBeNull();
  const after = await signed('after');
  expect([verifies(last.signingSecret, after), verifies(rotated.signingSecret, after), verifies(first, after)]).toEqual([true, false, false]);
  await h.http.post(`/v1/event-triggers/${randomUUID()}/secret`).set(ops).send({}).expect(404);
});

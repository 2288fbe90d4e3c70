import { randomUUID } from 'node:crypto';
import type { Harness } from './harness';
import { createTestScheme, type TestScheme } from '../fixtures/schemes';
import { customerBody } from '../fixtures/customers';
import { saleWorld } from '../fixtures/sales';
import { adminFor, mission } from '../fixtures/missions';
import { referralCode, referralProgram } from '../fixtures/referrals';

/**
 * One scheme with one of everything a route can name — a customer with
 * points, a ledger account and wallets, a posted and a pending transfer, a
 * sale, a hold, a gift card, a coupon, a connection, a referral programme and
 * code, a mission and an event type — built through the API, so every
 * documented route has something real to act on.
 */
export interface RouteWorld {
  scheme: TestScheme;
  admin: { Authorization: string };
  adminScheme: { Authorization: string; 'X-Scheme': string };
  customerId: string;
  barcode: string;
  ledgerId: string;
  accountId: string;
  walletId: string;
  otherWalletId: string;
  postedTransferId: string;
  pendingTransferId: string;
  voidableTransferId: string;
  outletId: string;
  saleId: string;
  sku: string;
  holdId: string;
  giftCard: string;
  coupon: string;
  connectionId: string;
  webhookSecret: string;
  programId: string;
  programCode: string;
  referralCodeId: string;
  missionId: string;
  eventType: string;
  tierId: string;
  /** A key of the scheme issued with role owner (Loyalty+'s owner API). */
  ownerKey: string;
  /** A published coupon book with free codes, one of them named, and a use of another (revertible). */
  couponBookId: string;
  bookCode: string;
  couponUsageId: string;
  /** An inactive WebHook trigger (no deliveries run against its unreachable URL). */
  triggerId: string;
  audienceId: string;
}

export async function buildRouteWorld(h: Harness): Promise<RouteWorld> {
  const scheme = await createTestScheme(h);
  const admin = { Authorization: `Bearer ${h.adminToken}` };
  const adminScheme = adminFor(h, scheme);
  const { outletId } = await saleWorld(h, scheme);
  const http = h.http;

  const customer = (await http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
  const other = (await http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
  const wallet = (await http.get(`/v1/customers/${customer.id}`).set(scheme.headers).expect(200)).body.wallets[0];
  const otherWallet = (await http.get(`/v1/customers/${other.id}`).set(scheme.headers).expect(200)).body.wallets[0];
  const account = `/v1/ledgers/${wallet.ledgerId}/accounts/${wallet.accountId}`;
  await http.post(`${account}/wallets/${wallet.walletId}/mint`).set(scheme.headers).send({ amount: 100_000 }).expect(201);
  const posted = (await http.post(`${account}/transfers`).set(scheme.headers).send({ fromWalletId: wallet.walletId, toWalletId: otherWallet.walletId, amount: 10 }).expect(201)).body;
  const pending = (await http.post(`${account}/wallets/${wallet.walletId}/burn`).set(scheme.headers).send({ amount: 5, captureMethod: 'manual' }).expect(201)).body;
  const voidable = (await http.post(`${account}/wallets/${wallet.walletId}/burn`).set(scheme.headers).send({ amount: 5, captureMethod: 'manual' }).expect(201)).body;

  const sku = 'sku-001';
  const saleId = `sale-${randomUUID()}`;
  await http.post('/v1/transactions').set(scheme.headers).send({ customerId: customer.id, outletId, uniqueId: saleId, lineItems: [{ quantity: 2, sku, unitPrice: 5 }] }).expect(201);
  const hold = (await http.post('/v1/transactions/on-hold').set(scheme.headers).send({ customerId: customer.id, outletId, points: 50 }).expect(201)).body;
  const giftCard = (await http.post('/v1/gift-cards').set(scheme.headers).send({ amount: 25 }).expect(201)).body.code;
  const coupon = (await http.post('/v1/coupons').set(scheme.headers).send({ type: 'amount_off', value: 100 }).expect(201)).body.code;

  // Enabled (webhooks are accepted) but forwarding nothing: no sync runs against its unreachable base URL.
  const connection = (
    await http
      .post('/v1/connections')
      .set(adminScheme)
      .send({ partner: 'loyaltyplus', name: `lp-${randomUUID()}`, baseUrl: 'http://127.0.0.1:9/', credentials: { apiKey: 'k', ownerToken: 'jwt' }, events: [] })
      .expect(201)
  ).body;
  const program = await referralProgram(h, scheme);
  const code = await referralCode(h, scheme, program.id, customer.id);
  const codes = (await http.get(`/v1/referral-programs/${program.id}/codes`).set(scheme.headers).expect(200)).body;
  const referralCodeId = codes.data.find((c: { code: string }) => c.code === code).id;
  const m = await mission(h, scheme);
  const eventType = `visit-${randomUUID().slice(0, 8)}`;
  await http.post('/v1/event-types').set(adminScheme).send({ apiCode: eventType, name: 'Visit' }).expect(201);
  const ownerKey = (await http.post(`/v1/schemes/${scheme.id}/api-keys`).set(admin).send({ name: 'owner', role: 'owner' }).expect(201)).body.key;
  const book = (await http.post('/v1/coupon-books').set(scheme.headers).send({ name: 'Route book', discountType: 'amount_off', discountAmount: 100, publishingStatus: 'published' }).expect(201)).body.couponBook;
  const [bookCode, usedCode] = [`RB-${randomUUID().slice(0, 8)}`, `RU-${randomUUID().slice(0, 8)}`];
  await http.post(`/v1/coupon-books/${book.id}/codes`).set(scheme.headers).send({ codes: [bookCode, usedCode] }).expect(201);
  await http.post(`/v1/coupon-books/${book.id}/codes`).set(scheme.headers).send({ generate: 50 }).expect(201);
  const trigger = (
    await http.post('/v1/event-triggers').set(adminScheme).send({ type: 'WebHook', name: 'route', active: false, settings: { url: 'http://127.0.0.1:9/hook', eventTypes: ['member-created'] } }).expect(201)
  ).body.trigger;
  const use = (await http.post(`/v1/coupon-books/${book.id}/use`).set(scheme.headers).send({ memberId: customer.id, systemUniqueKey: `route-use-${randomUUID()}`, code: usedCode }).expect(201)).body.couponUsage;

  return {
    scheme,
    admin,
    adminScheme,
    customerId: customer.id,
    barcode: customer.barcode,
    ledgerId: wallet.ledgerId,
    accountId: wallet.accountId,
    walletId: wallet.walletId,
    otherWalletId: otherWallet.walletId,
    postedTransferId: posted.transactions[0].id,
    pendingTransferId: pending.transactions[0].id,
    voidableTransferId: voidable.transactions[0].id,
    outletId,
    saleId,
    sku,
    holdId: hold.holdId,
    giftCard,
    coupon,
    connectionId: connection.id,
    webhookSecret: connection.webhookSecret,
    programId: program.id,
    programCode: program.code,
    referralCodeId,
    missionId: m.id,
    eventType,
    ownerKey,
    couponBookId: book.id,
    bookCode,
    couponUsageId: use.id,
    triggerId: trigger.id,
    audienceId: (await http.post('/v1/audiences').set(scheme.headers).send({ key: `route-${randomUUID().slice(0, 8)}`, name: 'Route', rule: { '>=': [{ var: 'balance' }, 1] } }).expect(201)).body.audience.id,
    tierId: (await http.post('/v1/tiers').set(adminScheme).send({ name: 'Route tier', active: true, minRequiredPoints: 500, tierOrder: 5 }).expect(201)).body.tier.id,
  };
}

import { randomInt, randomUUID } from 'node:crypto';
import type { RouteWorld } from './route-world';

/** How a route authenticates: a till's key (Loyalty+ tills: the key alone; its owner API: an owner-role key as bearer), ops (admin token + X-Scheme), the platform admin, a partner's signature, or nobody. */
export type RouteAuth = 'key' | 'posKey' | 'owner' | 'ops' | 'admin' | 'signature' | 'none';

/** A request every documented route accepts, on the world's own data. */
export interface RouteExample {
  auth: RouteAuth;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * One working request per documented route ("METHOD /path/{param}"). The
 * bad-input and cross-tenant tests start from these, so a new route without
 * an example fails them. Bodies are fresh on each call (unique keys).
 */
export function routeExamples(w: RouteWorld): Record<string, RouteExample> {
  const led = { ledgerId: w.ledgerId };
  const acc = { ledgerId: w.ledgerId, accountId: w.accountId };
  const wal = { ...acc, walletId: w.walletId };
  const key = () => `k-${randomUUID()}`;
  const sale = () => ({ customerId: w.customerId, outletId: w.outletId, uniqueId: key(), description: 'coffee', receiptNumber: 'R-1', lineItems: [{ quantity: 1, sku: w.sku, unitPrice: 2.5, categories: ['drinks'] }], paymentMethods: [{ type: 'card', amount: 2.5 }] });
  const account = { name: 'Stamps', active: true, decimals: 0, maxSupply: 1_000_000, expiresInMonths: 12 };
  const program = { name: 'Friends', code: `P${randomUUID().slice(0, 8).toUpperCase()}`, active: true, maxPerCode: 5, eventType: 'member-created', referrerPointsAccrual: 10, referredPointsAccrual: 5 };
  const missionBody = { name: 'Visits', code: `M-${randomUUID().slice(0, 8)}`, eventType: w.eventType, goalCount: 2, maxRepetitions: 1, pointsAccrual: 10 };
  const hold = () => ({ customerId: w.customerId, outletId: w.outletId, uniqueId: key(), points: 1, expiresInSeconds: 86_400 });
  const redeem = { points: 1, lineItems: [{ quantity: 1, sku: w.sku, unitPrice: 0.01 }], paymentMethods: [{ type: 'Loyale Redemption' }] };
  const plainPayloads = { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"a":1}').toString('base64') }] };
  const connection = { name: 'lp', baseUrl: 'http://127.0.0.1:9/', options: {}, events: [], enabled: true, retryHorizonSeconds: 60 };
  const couponBook = { name: 'Route book', discountType: 'amount_off', discountAmount: 100, publishingStatus: 'published', tags: ['route'], maxAssignedPerMember: 1000 };
  const book = { id: w.couponBookId };
  const triggerBody = { type: 'WebHook', name: 'route', active: false, settings: { url: 'http://127.0.0.1:9/hook', eventTypes: ['member-created'], retryHorizonSeconds: 600 } };
  const audience = () => ({ key: `a-${randomUUID().slice(0, 8)}`, name: 'Route audience', rule: { '>=': [{ var: 'balance' }, 1] } });
  const since = { sinceFrom: '2026-01-01T00:00:00Z', sinceTo: '2027-01-01T00:00:00Z' };
  return {
    'GET /v1/stats/members': { auth: 'ops', query: since },
    'GET /v1/stats/events': { auth: 'ops', query: since },
    'GET /v1/stats/ledger-accounts/{id}': { auth: 'ops', params: { id: w.accountId }, query: since },
    'GET /v1/stats/missions': { auth: 'ops', query: { ...since, tag: 'route' } },
    'GET /v1/stats/missions/top-members': { auth: 'ops', query: { ...since, limit: '5' } },
    'GET /v1/stats/coupon-books': { auth: 'ops', query: since },
    'GET /v1/audiences': { auth: 'key', query: { limit: '5' } },
    'POST /v1/audiences': { auth: 'key', body: audience() },
    'GET /v1/audiences/{id}': { auth: 'key', params: { id: w.audienceId } },
    'PUT /v1/audiences/{id}': { auth: 'key', params: { id: w.audienceId }, body: audience() },
    'GET /v1/audiences/{id}/members/{customerId}': { auth: 'key', params: { id: w.audienceId, customerId: w.customerId } },
    'GET /v1/customers/{id}/audiences': { auth: 'key', params: { id: w.customerId } },
    'GET /v1/event-triggers': { auth: 'ops', query: { limit: '5', active: 'false' } },
    'POST /v1/event-triggers': { auth: 'ops', body: triggerBody },
    'GET /v1/event-triggers/{id}': { auth: 'ops', params: { id: w.triggerId } },
    'PUT /v1/event-triggers/{id}': { auth: 'ops', params: { id: w.triggerId }, body: triggerBody },
    'POST /v1/event-triggers/{id}/secret': { auth: 'ops', params: { id: w.triggerId }, body: { previousValidForSeconds: 60 } },
    'DELETE /v1/event-triggers/{id}': { auth: 'ops', params: { id: w.triggerId } },
    'GET /v1/event-triggers/{id}/deliveries': { auth: 'ops', params: { id: w.triggerId }, query: { limit: '5', status: 'DELIVERED' } },
    'POST /v1/trigger-deliveries/{id}/redeliver': { auth: 'ops', params: { id: randomUUID() } },
    'GET /v1/coupon-books': { auth: 'key', query: { limit: '5', status: 'published' } },
    'POST /v1/coupon-books': { auth: 'key', body: couponBook },
    'GET /v1/coupon-books/{id}': { auth: 'key', params: book },
    'PUT /v1/coupon-books/{id}': { auth: 'key', params: book, body: couponBook },
    'POST /v1/coupon-books/{id}/codes': { auth: 'key', params: book, body: { generate: 1 } },
    'GET /v1/coupon-books/{id}/codes': { auth: 'key', params: book, query: { limit: '5' } },
    'POST /v1/coupon-books/{id}/assign': { auth: 'key', params: book, body: { memberId: w.customerId, systemUniqueKeys: [key()], strictMode: true } },
    'POST /v1/coupon-books/{id}/use': { auth: 'key', params: book, body: { memberId: w.customerId, systemUniqueKey: key(), code: w.bookCode } },
    'POST /v1/coupon-usages/{id}/revert': { auth: 'key', params: { id: w.couponUsageId } },
    'GET /v1/customers/{id}/coupon-books': { auth: 'key', params: { id: w.customerId }, query: { limit: '5' } },
    'GET /v1/customers/{id}/coupons': { auth: 'key', params: { id: w.customerId }, query: { limit: '5', notUsedOnly: 'true' } },
    'GET /v1/customers/{id}/coupon-usage-counts': { auth: 'key', params: { id: w.customerId }, query: { validFromDate: '2026-01-01T00:00:00Z' } },
    'GET /healthz': { auth: 'none' },
    'GET /readyz': { auth: 'none' },
    'GET /metrics': { auth: 'none' },
    'GET /openapi.json': { auth: 'none' },
    'GET /docs': { auth: 'none' },
    'GET /codec': { auth: 'none' },
    'POST /codec/session': { auth: 'admin' },
    'POST /codec/decode': { auth: 'admin', body: plainPayloads },
    'POST /codec/encode': { auth: 'admin', body: plainPayloads },
    'POST /v1/schemes': { auth: 'admin', body: { name: `S ${randomUUID()}`, currency: 'EUR', timeZone: 'Europe/Malta' } },
    'GET /v1/schemes/{id}': { auth: 'admin', params: { id: w.scheme.id } },
    'GET /v1/schemes': { auth: 'admin', query: { limit: '5' } },
    'GET /v1/console/settings': { auth: 'admin' },
    'GET /v1/customers/{id}/workflows': { auth: 'ops', params: { id: w.customerId }, query: { limit: '10' } },
    'GET /v1/schemes/{id}/api-keys': { auth: 'admin', params: { id: w.scheme.id } },
    'POST /v1/schemes/{id}/api-keys': { auth: 'admin', params: { id: w.scheme.id }, body: { name: 'till 2' } },
    'DELETE /v1/schemes/{id}/api-keys/{keyId}': { auth: 'admin', params: { id: w.scheme.id, keyId: randomUUID() } },
    'POST /v1/customers': { auth: 'key', body: { firstName: 'Ann', lastName: 'Lee', email: `ann.${randomUUID()}@example.test`, phone: '+35699123456' } },
    'GET /v1/customers': { auth: 'key', query: { limit: '5', barcode: w.barcode } },
    'GET /v1/customers/{id}': { auth: 'key', params: { id: w.customerId } },
    'PUT /v1/customers/{id}': { auth: 'key', params: { id: w.customerId }, body: { firstName: 'Anna', status: 'ACTIVE' } },
    'GET /v1/customers/{id}/balance': { auth: 'key', params: { id: w.customerId } },
    'GET /v1/customers/{id}/points-history': { auth: 'key', params: { id: w.customerId }, query: { limit: '5', reason: 'adjustment' } },
    'GET /v1/customers/{id}/lots': { auth: 'key', params: { id: w.customerId }, query: { status: 'all' } },
    'GET /v1/customers/{id}/tier': { auth: 'key', params: { id: w.customerId } },
    'PUT /v1/customers/{id}/tier': { auth: 'key', params: { id: w.customerId }, body: { loyaltyTierId: w.tierId } },
    'GET /v1/customers/{id}/tier-history': { auth: 'key', params: { id: w.customerId }, query: { page: '0', limit: '5' } },
    'GET /v1/tiers': { auth: 'key', query: { page: '0', limit: '5' } },
    'POST /v1/tiers': { auth: 'ops', body: { name: `tier-${key()}`, active: true, minRequiredPoints: 100, tierOrder: 100 + Math.floor(Math.random() * 1_000_000) % 9000, earnMultiplierPercent: 110 } },
    'GET /v1/tiers/{tierId}': { auth: 'key', params: { tierId: w.tierId } },
    'PUT /v1/tiers/{tierId}': { auth: 'ops', params: { tierId: w.tierId }, body: { name: 'Route tier', active: true, minRequiredPoints: 600, tierOrder: 5 } },
    'GET /api/Level': { auth: 'key' },
    'GET /api/Level/{tierId}': { auth: 'key', params: { tierId: w.tierId } },
    'POST /v1/customers/{id}/adjustments': { auth: 'key', params: { id: w.customerId }, body: { points: 5, reason: 'Goodwill', uniqueId: key() } },
    'POST /api/ExternalPos/TopUp': { auth: 'key', body: { customerId: w.customerId, uniqueId: key(), points: 5 } },
    'GET /api/ExternalPos/UserInformation': { auth: 'key', query: { barcode: w.barcode } },
    'GET /api/ExternalPos/CouponInformation': { auth: 'key', query: { barcode: w.coupon, customerId: w.customerId } },
    'GET /api/ExternalPos/UpdatedCustomers': { auth: 'key', query: { from: '2026-01-01T00:00:00Z', limit: '2' } },
    'GET /api/PointBalance/{customerId}': { auth: 'key', params: { customerId: w.customerId } },
    'GET /api/Transaction/GainRate': { auth: 'key', query: { customerId: w.customerId } },
    'GET /api/Scheme/{id}': { auth: 'key', params: { id: w.scheme.id } },
    'GET /api/Store': { auth: 'key', query: { limit: '5' } },
    'GET /api/Location': { auth: 'key', query: { limit: '5' } },
    'GET /api/Store/{id}': { auth: 'key', params: { id: w.outletId } },
    'GET /api/Location/{id}': { auth: 'key', params: { id: w.outletId } },
    'POST /api/Customer': { auth: 'key', body: { firstName: 'Ann', lastName: 'Lee', email: `ann.${randomUUID()}@example.test`, phoneNumber: `+3569${String(randomInt(10_000_000)).padStart(7, '0')}` } },
    'GET /api/Customer/{id}': { auth: 'key', params: { id: w.customerId } },
    'PUT /api/Customer/{id}': { auth: 'key', params: { id: w.customerId }, body: { firstName: 'Anna', lastName: null } },
    // Off hold: the world's customer must stay able to buy for the other routes' examples.
    'PUT /api/Customer/{id}/Hold': { auth: 'key', params: { id: w.customerId }, body: { onHold: false } },
    'GET /v1/ledgers': { auth: 'key', query: { page: '0', limit: '5' } },
    'POST /v1/ledgers': { auth: 'key', body: { name: `L ${randomUUID()}`, description: 'stamps' } },
    'GET /v1/ledgers/{ledgerId}': { auth: 'key', params: led },
    'PUT /v1/ledgers/{ledgerId}': { auth: 'key', params: led, body: { name: 'Points', description: 'the points ledger', defaultAccountId: w.accountId } },
    'GET /v1/ledgers/{ledgerId}/accounts': { auth: 'key', params: led, query: { page: '0', limit: '5' } },
    'POST /v1/ledgers/{ledgerId}/accounts': { auth: 'key', params: led, body: account },
    'GET /v1/ledgers/{ledgerId}/accounts/{accountId}': { auth: 'key', params: acc },
    'PUT /v1/ledgers/{ledgerId}/accounts/{accountId}': { auth: 'key', params: acc, body: { name: 'Points', active: true } },
    'GET /v1/ledgers/{ledgerId}/accounts/{accountId}/transactions': { auth: 'key', params: acc, query: { page: '0', limit: '5', order: 'createdAt,desc', walletId: w.walletId } },
    'GET /v1/ledgers/{ledgerId}/accounts/{accountId}/wallets/{walletId}': { auth: 'key', params: wal },
    'PUT /v1/ledgers/{ledgerId}/accounts/{accountId}/customers/{customerId}/wallet': { auth: 'key', params: { ...acc, customerId: w.customerId } },
    'POST /v1/ledgers/{ledgerId}/accounts/{accountId}/transfers': { auth: 'key', params: acc, body: { systemUniqueKey: key(), fromWalletId: w.walletId, toWalletId: w.otherWalletId, amount: 1, tags: ['t'], description: 'gift' } },
    'POST /v1/ledgers/{ledgerId}/accounts/{accountId}/wallets/{walletId}/mint': { auth: 'key', params: wal, body: { systemUniqueKey: key(), amount: 1, externalId: 'x-1' } },
    'POST /v1/ledgers/{ledgerId}/accounts/{accountId}/wallets/{walletId}/burn': { auth: 'key', params: wal, body: { systemUniqueKey: key(), amount: '1', captureMethod: 'auto' } },
    'POST /v1/ledgers/{ledgerId}/accounts/{accountId}/transactions/{transactionId}/revert': { auth: 'key', params: { ...acc, transactionId: w.postedTransferId }, body: { systemUniqueKey: key(), amount: 1 } },
    'POST /v1/ledgers/{ledgerId}/accounts/{accountId}/capture': { auth: 'key', params: acc, body: { systemUniqueKey: key(), transactions: [{ ledgerTransactionId: w.pendingTransferId, captureAmount: 1 }] } },
    'POST /v1/ledgers/{ledgerId}/accounts/{accountId}/void': { auth: 'key', params: acc, body: { systemUniqueKey: key(), transactions: [{ ledgerTransactionId: w.voidableTransferId }] } },
    'POST /v1/ledgers/{ledgerId}/transactions/batch': { auth: 'key', params: led, body: { systemUniqueKey: key(), operations: [{ type: 'mint', accountId: w.accountId, walletId: w.walletId, amount: 1 }, { type: 'transfer', accountId: w.accountId, fromWalletId: w.walletId, toWalletId: w.otherWalletId, amount: 1 }] } },
    'GET /v1/ledger/verify': { auth: 'admin', query: { schemeId: w.scheme.id } },
    'POST /v1/transactions': { auth: 'key', body: sale() },
    'POST /api/Transaction': { auth: 'key', query: { simulate: 'true' }, body: sale() },
    'GET /v1/transactions/status/{uniqueId}': { auth: 'key', params: { uniqueId: w.saleId } },
    'GET /api/transaction/status/{uniqueId}': { auth: 'key', params: { uniqueId: w.saleId } },
    'GET /v1/transactions/{uniqueId}': { auth: 'key', params: { uniqueId: w.saleId } },
    'GET /v1/customers/{id}/transactions': { auth: 'key', params: { id: w.customerId }, query: { page: '0', limit: '5' } },
    'POST /v1/transactions/on-hold': { auth: 'key', body: hold() },
    'POST /api/ExternalPos/OnHold': { auth: 'key', body: { ...hold(), points: undefined, amount: 0.01 } },
    'GET /v1/transactions/on-hold/{holdId}': { auth: 'key', params: { holdId: w.holdId } },
    'DELETE /v1/transactions/on-hold/{holdId}': { auth: 'key', params: { holdId: `h-${randomUUID()}` } },
    'POST /v1/transactions/on-hold/{holdId}/redeem': { auth: 'key', params: { holdId: w.holdId }, body: redeem },
    'POST /api/ExternalPos/OnHold/{holdId}/Redeem': { auth: 'key', params: { holdId: w.holdId }, body: redeem },
    'DELETE /api/ExternalPos/OnHold/{holdId}': { auth: 'key', params: { holdId: `h-${randomUUID()}` } },
    'POST /v1/gift-cards': { auth: 'key', body: { amount: 10.5 } },
    'GET /v1/gift-cards/{code}': { auth: 'key', params: { code: w.giftCard } },
    'POST /v1/coupons': { auth: 'key', body: { type: 'percent_off', value: 10, customerId: w.customerId, validFrom: '2026-01-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z' } },
    'GET /v1/coupons/{code}': { auth: 'key', params: { code: w.coupon } },
    'GET /v1/outlets': { auth: 'key', query: { page: '0', limit: '5' } },
    'POST /v1/outlets': { auth: 'key', body: { name: `Outlet ${randomUUID()}` } },
    'GET /v1/schemes/{id}/rules': { auth: 'admin', params: { id: w.scheme.id } },
    'GET /v1/schemes/{id}/pos-settings': { auth: 'admin', params: { id: w.scheme.id } },
    'PUT /v1/schemes/{id}/pos-settings': { auth: 'admin', params: { id: w.scheme.id }, body: { checkinMode: 'SPEND', unitSku: 'unit', rewardThreshold: 100, rewardTitle: 'Free Coffee', defaultOutletId: w.outletId, dedupWindowSeconds: 120 } },
    'POST /v1/pos/checkin': { auth: 'posKey', body: { customerId: w.customerId, storeId: w.outletId, amount: 2.5 } },
    'GET /v1/pos/customer/{identifier}': { auth: 'posKey', params: { identifier: w.customerId } },
    'GET /v1/pos/balance/{identifier}': { auth: 'posKey', params: { identifier: w.customerId } },
    'POST /v1/pos/redeem': { auth: 'posKey', body: { customerId: w.customerId, points: 1 } },
    'POST /v1/owner/customers': { auth: 'owner', body: { name: 'Ann Lee', phone: `+3567${String(randomInt(10_000_000)).padStart(7, '0')}`, notes: 'VIP', initialPoints: 5 } },
    'GET /v1/owner/customers': { auth: 'owner', query: { page: '1', limit: '5', search: 'ann', statusFilter: 'ACTIVE', sortBy: 'name', sortOrder: 'asc' } },
    'GET /v1/owner/customers/{id}': { auth: 'owner', params: { id: w.customerId } },
    // Stays ACTIVE: the world's customer must keep buying for the other routes' examples.
    'PUT /v1/owner/customers/{id}': { auth: 'owner', params: { id: w.customerId }, body: { name: 'Ann Lee', status: 'ACTIVE' } },
    'POST /v1/owner/customers/{id}/points': { auth: 'owner', params: { id: w.customerId }, body: { points: 5, reason: 'Goodwill' } },
    // An id nobody has (404): erasing the world's customer would break the other routes' examples.
    'DELETE /v1/owner/customers/{id}': { auth: 'owner', params: { id: randomUUID() } },
    'PUT /v1/schemes/{id}/rules': { auth: 'admin', params: { id: w.scheme.id }, body: { earnPerUnit: 6, redeemPointsPerUnit: 100, overrides: [{ match: 'sku', value: 'sku-009', earnPerUnit: 12 }], returnWindowSeconds: 0, returnPolicy: 'within_balance' } },
    'POST /v1/transactions/{uniqueId}/returns/full': { auth: 'key', params: { uniqueId: w.saleId }, query: { simulate: 'true' }, body: { uniqueId: key() } },
    'POST /api/Transaction/Return/Full/{uniqueId}': { auth: 'key', params: { uniqueId: w.saleId }, query: { simulate: 'true' }, body: {} },
    'POST /v1/transactions/{uniqueId}/returns/line-item': { auth: 'key', params: { uniqueId: w.saleId }, query: { simulate: 'true' }, body: { sku: w.sku, quantity: 1 } },
    'POST /api/Transaction/Return/LineItem/{uniqueId}': { auth: 'key', params: { uniqueId: w.saleId }, query: { simulate: 'true' }, body: { lines: [{ sku: w.sku, quantity: 1 }] } },
    'POST /v1/transactions/returns/custom': { auth: 'key', query: { simulate: 'true' }, body: { ...sale(), lineItems: [{ quantity: 1, sku: w.sku, unitPrice: 5 }], paymentMethods: undefined } },
    'POST /api/Transaction/Return/Custom': { auth: 'key', query: { simulate: 'true' }, body: { ...sale(), lineItems: [{ quantity: 1, sku: w.sku, unitPrice: 5 }], paymentMethods: undefined } },
    'POST /v1/connections': { auth: 'ops', body: { ...connection, partner: 'loyaltyplus', credentials: { apiKey: 'k', ownerToken: 'jwt' }, name: `lp-${randomUUID()}` } },
    'GET /v1/connections': { auth: 'ops' },
    'POST /v1/connections/{id}/webhook-secret': { auth: 'ops', params: { id: w.connectionId } },
    'POST /v1/webhooks/{partner}/{connectionId}': { auth: 'signature', params: { partner: 'loyaltyplus', connectionId: w.connectionId }, body: { id: key(), type: 'reward.used', occurredAt: '2026-12-01T10:00:00Z', data: { customerId: 'lp-1' } } },
    'GET /v1/webhooks/events': { auth: 'ops', query: { status: 'RECEIVED', connectionId: w.connectionId, limit: '5' } },
    'GET /v1/connections/{id}': { auth: 'ops', params: { id: w.connectionId } },
    'PUT /v1/connections/{id}': { auth: 'ops', params: { id: w.connectionId }, body: connection },
    'DELETE /v1/connections/{id}': { auth: 'ops', params: { id: randomUUID() } },
    'POST /v1/connections/{id}/reconcile': { auth: 'ops', params: { id: w.connectionId }, body: { autoCorrect: false } },
    'GET /v1/connections/{id}/reconciliations/{runId}': { auth: 'ops', params: { id: w.connectionId, runId: randomUUID() } },
    'GET /v1/sync': { auth: 'ops', query: { status: 'FAILED', connectionId: w.connectionId, limit: '5' } },
    'GET /v1/sync/{id}': { auth: 'ops', params: { id: randomUUID() } },
    'POST /v1/sync/{id}/retry': { auth: 'ops', params: { id: randomUUID() } },
    'POST /v1/referral-programs': { auth: 'ops', body: program },
    'GET /v1/referral-programs': { auth: 'ops', query: { page: '0', limit: '5' } },
    'GET /v1/referral-programs/{id}': { auth: 'ops', params: { id: w.programId } },
    'PUT /v1/referral-programs/{id}': { auth: 'ops', params: { id: w.programId }, body: { ...program, code: w.programCode } },
    'GET /v1/referral-programs/{id}/report': { auth: 'ops', params: { id: w.programId }, query: { page: '0', limit: '5' } },
    'POST /v1/referral-programs/{id}/codes': { auth: 'key', params: { id: w.programId }, body: { customerId: w.customerId, count: 1 } },
    'GET /v1/referral-programs/{id}/codes': { auth: 'key', params: { id: w.programId }, query: { customerId: w.customerId, page: '0', limit: '5' } },
    'GET /v1/referral-programs/{id}/codes/{codeId}/referred': { auth: 'key', params: { id: w.programId, codeId: w.referralCodeId }, query: { page: '0', limit: '5' } },
    'POST /v1/customers/{id}/referral': { auth: 'key', params: { id: w.customerId }, body: { code: 'NOSUCHCODE' } },
    'GET /v1/customers/{id}/referral': { auth: 'key', params: { id: w.customerId } },
    'POST /v1/missions': { auth: 'ops', body: missionBody },
    'GET /v1/missions': { auth: 'ops', query: { page: '0', limit: '5', type: 'visits', tags: 'a' } },
    'GET /v1/missions/{id}': { auth: 'ops', params: { id: w.missionId } },
    'PUT /v1/missions/{id}': { auth: 'ops', params: { id: w.missionId }, body: { ...missionBody, code: `M-${randomUUID().slice(0, 8)}` } },
    'POST /v1/missions/matchers/test': { auth: 'ops', body: { matcher: { '==': [{ var: 'outlet' }, 'a'] }, incrementBy: { var: 'quantity' }, payload: { outlet: 'a', quantity: 2 } } },
    'POST /v1/event-types': { auth: 'ops', body: { apiCode: `e-${randomUUID().slice(0, 8)}`, name: 'Event' } },
    'GET /v1/event-types': { auth: 'ops' },
    'POST /v1/events': { auth: 'key', body: { systemUniqueKey: key(), customerId: w.customerId, eventType: w.eventType, payload: { where: 'shop' } } },
    'GET /v1/customers/{id}/events': { auth: 'key', params: { id: w.customerId }, query: { page: '0', limit: '5', eventType: w.eventType } },
    'GET /v1/customers/{id}/missions': { auth: 'key', params: { id: w.customerId }, query: { page: '0', limit: '5', active: 'true' } },
    'POST /v1/customers/{id}/missions/{missionId}/increment': { auth: 'key', params: { id: w.customerId, missionId: w.missionId }, body: { systemUniqueKey: key(), amount: 1 } },
  };
}

/** The path with its parameters filled in (each URI-encoded). */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeSegment(params[name] ?? ''));
}

/** URI-encoded; a lone surrogate (no UTF-8 form) goes out as the invalid bytes a broken client would send. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.split('').map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

/** The headers a route's auth needs in this world (or another scheme's, for cross-tenant calls). */
export function authHeaders(auth: RouteAuth, w: RouteWorld): Record<string, string> {
  if (auth === 'key') return { ...w.scheme.headers };
  if (auth === 'posKey') return { 'X-API-Key': w.scheme.apiKey };
  if (auth === 'owner') return { Authorization: `Bearer ${w.ownerKey}` };
  if (auth === 'ops') return { ...w.adminScheme };
  if (auth === 'admin') return { ...w.admin };
  return {};
}

export interface RouteRequest {
  method: string;
  path: string;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
  headers: Record<string, string>;
  /** Partner webhooks: the secret the body is signed with. */
  signWith?: string;
}

/** Sends one request through supertest (webhooks signed over the exact bytes sent). */
export async function send(http: import('supertest').Agent | ReturnType<typeof import('supertest')>, r: RouteRequest, sign?: (secret: string, raw: string) => string) {
  const url = fillPath(r.path, r.params);
  let req = (http as unknown as Record<string, (u: string) => import('supertest').Test>)[r.method.toLowerCase()]!(url).set(r.headers);
  if (r.query) req = req.query(r.query);
  if (r.body === undefined) return req;
  const raw = JSON.stringify(r.body);
  if (r.signWith && sign) req = req.set('X-Hub-Signature', sign(r.signWith, raw));
  return req.set('Content-Type', 'application/json').send(raw);
}

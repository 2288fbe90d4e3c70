import nock from 'nock';
import type { AdapterConnection, PartnerCustomer, SyncedReturn, SyncedSale } from '../../domain/partners/ports';
import { PartnerError } from '../partner-error';
import { createLoyaleAdapter, LOYALE_CAPABILITIES } from './adapter';

const BASE = 'https://api.beta.loyale.io';
const SCHEME = '5b0f3a52-8f7e-4c1e-9d55-0c8a1e2f9b11';
const API_KEY = 'lk_live_Sup3rSecretKey';
const HUB_OUTLET = '11111111-1111-4111-8111-111111111111';
const LOYALE_OUTLET = 'f2a961a7-e420-4742-9e69-1ba4d8ce66d4';
const DEFAULT_OUTLET = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

const conn = (options: Record<string, unknown> = { outletMap: { [HUB_OUTLET]: LOYALE_OUTLET } }): AdapterConnection => ({
  id: 'conn-1',
  partner: 'loyale',
  baseUrl: BASE,
  credentials: { scheme: SCHEME, apiKey: API_KEY },
  options,
});

const customer: PartnerCustomer = {
  id: '22222222-2222-4222-8222-222222222222',
  barcode: '3860358623507',
  firstName: 'Ana',
  lastName: 'K',
  email: null,
  phone: null,
  status: 'ACTIVE',
};

const lineItems = [
  { quantity: 5, sku: 'sku-001', unitPrice: 12, unitSalePrice: 10, unitSalePriceBeforeTax: 8.47, promotions: ['10%Off'], categories: ['Clothes', 'Summer'], vendor: 'Clothes Ltd.' },
];

// As the till posted it to the hub: the hub's own customer id and outlet.
const hubRequest = {
  customerId: customer.id,
  outletId: HUB_OUTLET,
  date: '2024-09-09T12:54:54.601Z',
  description: 'Sale Transaction',
  uniqueId: 'transaction-demo-003',
  receiptNumber: '12345',
  pos: { id: 'POS001', type: 'Terminal App' },
  lineItems,
  coupons: ['7652874580312'],
  paymentMethods: [{ type: 'Cash', amount: 50 }],
};

// What Loyale must receive: same body, its outlet, the customer's barcode, the same uniqueId.
const { customerId: _hubCustomerId, ...sameFields } = hubRequest;
const loyaleBody = { ...sameFields, outletId: LOYALE_OUTLET, customerBarcode: customer.barcode };

const sale = (over: Partial<SyncedSale> = {}): SyncedSale => ({
  uniqueId: 'transaction-demo-003',
  customer,
  outletId: HUB_OUTLET,
  request: hubRequest,
  totalMinor: '5000',
  currencyDecimals: 2,
  units: 5,
  pointsEarned: '150',
  pointsRedeemed: '0',
  ...over,
});

const ret = (over: Partial<SyncedReturn>): SyncedReturn => ({
  uniqueId: 'return-1',
  saleUniqueId: 'transaction-demo-003',
  kind: 'full',
  customer,
  lines: [],
  request: null,
  pointsDeducted: '150',
  pointsReadded: '0',
  ...over,
});

const returnResponse = (pointsDeducted: number, pointsAfter: number) => ({
  pointsDeducted,
  pointsReadded: 0,
  returnType: 'Full Transaction: 7993bf44',
  usedPaymentMethods: [{ type: 'Cash', amount: 25 }],
  pointsBefore: pointsAfter + pointsDeducted,
  pointsAfter,
  customerId: '3524f06c-a2e9-4965-9bcf-8e0c9f0e3b08',
});

const loyale = () => nock(BASE).matchHeader('X-Scheme', SCHEME).matchHeader('X-ApiKey', API_KEY);

async function failure(promise: Promise<unknown>): Promise<PartnerError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PartnerError);
  const message = (err as PartnerError).message;
  expect(message).not.toContain(SCHEME);
  expect(message).not.toContain(API_KEY);
  return err as PartnerError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  // Every interceptor a test set up was called; cleared first so one failure does not leak into the next test.
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('syncTransaction', () => {
  it('posts the stored body with the mapped outlet, the barcode and the same uniqueId', async () => {
    loyale()
      .post('/api/Transaction', loyaleBody)
      .reply(200, {
        customerId: '3524f06c-a2e9-4965-9bcf-8e0c9f0e3b08',
        status: 'RECEIVED',
        statusUrl: `${BASE}/api/transaction/status/transaction-demo-003`,
        uniqueId: 'transaction-demo-003',
        pointsEarned: 150,
        pointsRedeemed: 0,
        pointsBefore: 7830,
        pointsAfter: 7980,
        paymentMethods: [{ type: 'Cash', amount: 50 }],
      });

    await expect(createLoyaleAdapter(conn()).syncTransaction(sale(), null)).resolves.toEqual({
      status: 'SYNCED',
      externalId: 'transaction-demo-003',
      detail: { status: 'RECEIVED', pointsEarned: 150, pointsRedeemed: 0, pointsAfter: 7980, loyaleCustomerId: '3524f06c-a2e9-4965-9bcf-8e0c9f0e3b08' },
    });
  });

  it("uses the hub's uniqueId when the till let the hub generate it, and defaultOutletId for an unmapped outlet", async () => {
    const { uniqueId: _none, ...request } = hubRequest;
    loyale()
      .post('/api/Transaction', { ...loyaleBody, outletId: DEFAULT_OUTLET, uniqueId: 'hub-generated-1' })
      .reply(200, { uniqueId: 'hub-generated-1', status: 'RECEIVED' });

    const result = await createLoyaleAdapter(conn({ outletMap: {}, defaultOutletId: DEFAULT_OUTLET })).syncTransaction(
      sale({ uniqueId: 'hub-generated-1', request }),
      null,
    );
    expect(result).toMatchObject({ status: 'SYNCED', externalId: 'hub-generated-1' });
  });

  it('skips an outlet with no mapping and no default, without calling Loyale', async () => {
    const result = await createLoyaleAdapter(conn({ outletMap: { other: LOYALE_OUTLET } })).syncTransaction(sale(), null);
    expect(result).toEqual({ status: 'SKIPPED', reason: expect.stringContaining(HUB_OUTLET) });
  });

  it('skips a customer without a barcode', async () => {
    const result = await createLoyaleAdapter(conn()).syncTransaction(sale({ customer: { ...customer, barcode: null } }), null);
    expect(result).toEqual({ status: 'SKIPPED', reason: expect.stringContaining('barcode') });
  });
});

describe('syncReturn', () => {
  it('full: POST /api/Transaction/Return/Full/{sale uniqueId}', async () => {
    loyale().post('/api/Transaction/Return/Full/transaction-demo-003').reply(200, returnResponse(150, 7980));

    await expect(createLoyaleAdapter(conn()).syncReturn(ret({ kind: 'full' }), null)).resolves.toEqual({
      status: 'SYNCED',
      detail: { pointsDeducted: 150, pointsReadded: 0, pointsAfter: 7980, returnType: 'Full Transaction: 7993bf44', loyaleCustomerId: '3524f06c-a2e9-4965-9bcf-8e0c9f0e3b08', calls: 1 },
    });
  });

  it('encodes a uniqueId with reserved characters into one path segment', async () => {
    loyale().post('/api/Transaction/Return/Full/till%2F7%237').reply(200, returnResponse(10, 100));
    const result = await createLoyaleAdapter(conn()).syncReturn(ret({ kind: 'full', saleUniqueId: 'till/7#7' }), null);
    expect(result.status).toBe('SYNCED');
  });

  it('line_item: one {sku, quantity} call per sku, lines of the same sku merged', async () => {
    loyale().post('/api/Transaction/Return/LineItem/transaction-demo-003', { sku: 'sku-001', quantity: 3 }).reply(200, returnResponse(90, 7890));
    loyale().post('/api/Transaction/Return/LineItem/transaction-demo-003', { sku: 'sku-002', quantity: 1 }).reply(200, returnResponse(30, 7860));

    const result = await createLoyaleAdapter(conn()).syncReturn(
      ret({ kind: 'line_item', lines: [{ sku: 'sku-001', quantity: 1 }, { sku: 'sku-002', quantity: 1 }, { sku: 'sku-001', quantity: 2 }] }),
      null,
    );
    expect(result).toMatchObject({ status: 'SYNCED', detail: { pointsDeducted: 120, pointsReadded: 0, pointsAfter: 7860, calls: 2 } });
  });

  it('line_item: a retry after a later call failed does not repeat the calls that went through', async () => {
    const marked = new Set<string>();
    const steps = { done: (s: string) => marked.has(s), mark: async (s: string) => void marked.add(s) };
    const both = ret({ kind: 'line_item', lines: [{ sku: 'sku-001', quantity: 1 }, { sku: 'sku-002', quantity: 1 }] });
    loyale().post('/api/Transaction/Return/LineItem/transaction-demo-003', { sku: 'sku-001', quantity: 1 }).reply(200, returnResponse(30, 7950));
    loyale().post('/api/Transaction/Return/LineItem/transaction-demo-003', { sku: 'sku-002', quantity: 1 }).reply(503, { error: 'busy' });
    await expect(createLoyaleAdapter(conn()).syncReturn(both, null, undefined, steps)).rejects.toMatchObject({ retryable: true });
    expect([...marked]).toEqual(['line:sku-001']);
    // The retry sends only sku-002 (an sku-001 call would find no interceptor and fail the test).
    loyale().post('/api/Transaction/Return/LineItem/transaction-demo-003', { sku: 'sku-002', quantity: 1 }).reply(200, returnResponse(30, 7920));
    await expect(createLoyaleAdapter(conn()).syncReturn(both, null, undefined, steps)).resolves.toMatchObject({ status: 'SYNCED', detail: { calls: 1 } });
    expect([...marked]).toEqual(['line:sku-001', 'line:sku-002']);
  });

  it('line_item: skips when a line has no sku, before calling Loyale', async () => {
    const result = await createLoyaleAdapter(conn()).syncReturn(ret({ kind: 'line_item', lines: [{ sku: 'sku-001', quantity: 1 }, { sku: null, quantity: 1 }] }), null);
    expect(result).toEqual({ status: 'SKIPPED', reason: expect.stringContaining('sku') });
  });

  it('custom: POST /api/Transaction/Return/Custom with the stored body re-addressed like a sale', async () => {
    const request = { customerId: customer.id, outletId: HUB_OUTLET, uniqueId: 'return-9', lineItems: [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }] };
    loyale()
      .post('/api/Transaction/Return/Custom', { customerBarcode: customer.barcode, outletId: LOYALE_OUTLET, uniqueId: 'return-9', lineItems: request.lineItems })
      .reply(200, returnResponse(25, 7955));

    const result = await createLoyaleAdapter(conn()).syncReturn(ret({ kind: 'custom', uniqueId: 'return-9', saleUniqueId: null, request }), null);
    expect(result).toMatchObject({ status: 'SYNCED', detail: { pointsDeducted: 25 } });
  });

  it('skips a full return that names no sale', async () => {
    await expect(createLoyaleAdapter(conn()).syncReturn(ret({ kind: 'full', saleUniqueId: null }), null)).resolves.toMatchObject({ status: 'SKIPPED' });
  });
});

describe('operations the seed gives no contract for', () => {
  const adapter = createLoyaleAdapter(conn());

  it('declares them in the capabilities', () => {
    expect(LOYALE_CAPABILITIES).toMatchObject({ sale: { supported: true }, return: { supported: true }, customer: { supported: false }, adjustment: { supported: false }, balance: { supported: false } });
  });

  it('skips customers and adjustments with the reason, and reads no balance', async () => {
    await expect(adapter.syncCustomer(customer, null)).resolves.toEqual({ status: 'SKIPPED', reason: LOYALE_CAPABILITIES.customer.reason });
    await expect(adapter.adjustPoints({ customer, points: '10', reason: 'goodwill', idempotencyKey: 'k' }, null)).resolves.toEqual({
      status: 'SKIPPED',
      reason: LOYALE_CAPABILITIES.adjustment.reason,
    });
    await expect(adapter.getBalance(customer, null)).resolves.toBeNull();
  });
});

describe('errors', () => {
  it('400 { error } → not retryable, with the partner message', async () => {
    const error = 'Customer does not have enough points for redemption. Required: 5000000 Current: 7980';
    loyale().post('/api/Transaction').reply(400, { error });

    const err = await failure(createLoyaleAdapter(conn()).syncTransaction(sale(), null));
    expect(err).toMatchObject({ partner: 'loyale', retryable: false, status: 400, retryAfterMs: null });
    expect(err.message).toBe(`loyale POST /api/Transaction → 400: ${error}`);
  });

  it('500 → retryable', async () => {
    loyale().post('/api/Transaction/Return/Full/transaction-demo-003').reply(500, 'upstream exploded');
    const err = await failure(createLoyaleAdapter(conn()).syncReturn(ret({ kind: 'full' }), null));
    expect(err).toMatchObject({ retryable: true, status: 500 });
    expect(err.message).toContain('/api/Transaction/Return/Full/transaction-demo-003');
  });

  it('429 with Retry-After: 7 → retryable after 7000 ms', async () => {
    loyale().post('/api/Transaction').reply(429, { error: 'Too many requests' }, { 'Retry-After': '7' });
    const err = await failure(createLoyaleAdapter(conn()).syncTransaction(sale(), null));
    expect(err).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
  });

  it('connection reset → retryable', async () => {
    loyale().post('/api/Transaction').replyWithError({ code: 'ECONNRESET' });
    const err = await failure(createLoyaleAdapter(conn()).syncTransaction(sale(), null));
    expect(err).toMatchObject({ retryable: true, status: null });
  });

  it('timeout → retryable', async () => {
    loyale().post('/api/Transaction').delay(500).reply(200, {});
    const err = await failure(createLoyaleAdapter(conn(), { timeoutMs: 100 }).syncTransaction(sale(), null));
    expect(err).toMatchObject({ retryable: true, status: null });
    expect(err.message).toBe('loyale POST /api/Transaction timed out');
  });

  it('missing credentials → not retryable, naming the field only', async () => {
    const adapter = createLoyaleAdapter({ ...conn(), credentials: { scheme: SCHEME } });
    const err = await failure(adapter.syncTransaction(sale(), null));
    expect(err).toMatchObject({ retryable: false, message: 'loyale connection conn-1 has no credentials.apiKey' });
  });
});

describe('updatedCustomers (assumed contract)', () => {
  it('GETs the changes since the cursor and maps them to hub changes', async () => {
    loyale()
      .get('/api/ExternalPos/UpdatedCustomers')
      .query({ from: '2026-01-01T00:00:00.000Z' })
      .reply(200, [{ id: 'c-1', barCode: '3860358623507', firstName: 'Ana', phoneNumber: '+35699123456', updatedDate: '2026-01-02T00:00:00.000Z' }]);
    const adapter = createLoyaleAdapter(conn());
    await expect(adapter.updatedCustomers?.('2026-01-01T00:00:00.000Z')).resolves.toEqual([
      { externalId: 'c-1', barcode: '3860358623507', updatedAt: '2026-01-02T00:00:00.000Z', changes: { firstName: 'Ana', phone: '+35699123456' } },
    ]);
  });

  it('a 500 is retryable and names the GET', async () => {
    loyale().get('/api/ExternalPos/UpdatedCustomers').query(true).reply(500, { error: 'down' });
    await expect(createLoyaleAdapter(conn()).updatedCustomers?.('2026-01-01T00:00:00.000Z')).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('GET /api/ExternalPos/UpdatedCustomers') });
  });
});

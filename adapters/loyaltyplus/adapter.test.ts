import nock from 'nock';
import type { AdapterConnection, PartnerCustomer, SyncedReturn, SyncedSale } from '../../domain/partners/ports';
import { PartnerError } from '../partner-error';
import { createLoyaltyPlusAdapter, minorToDecimal } from './adapter';

const BASE = 'https://loyaltyplus.test';
const API_KEY = 'loy_secret_api_key_0123456789';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-owner-jwt.sig';
const PHONE = '+353123456789';
const PHONE_PATH = encodeURIComponent(PHONE);

const connection = (options: Record<string, unknown> = {}): AdapterConnection => ({
  id: 'conn-1',
  partner: 'loyaltyplus',
  baseUrl: BASE,
  credentials: { apiKey: API_KEY, ownerToken: TOKEN },
  options,
});

const customer = (over: Partial<PartnerCustomer> = {}): PartnerCustomer => ({
  id: 'hub-cust-1',
  barcode: null,
  firstName: 'John',
  lastName: 'Doe',
  email: null,
  phone: PHONE,
  status: 'ACTIVE',
  ...over,
});

const sale = (over: Partial<SyncedSale> = {}): SyncedSale => ({
  uniqueId: 'sale-42',
  customer: customer(),
  outletId: 'outlet-1',
  request: {},
  totalMinor: '2550',
  currencyDecimals: 2,
  units: 3,
  pointsEarned: '25',
  pointsRedeemed: '10',
  ...over,
});

const ret = (over: Partial<SyncedReturn> = {}): SyncedReturn => ({
  uniqueId: 'ret-7',
  saleUniqueId: 'sale-42',
  kind: 'full',
  customer: customer(),
  lines: [],
  request: null,
  pointsDeducted: '25',
  pointsReadded: '10',
  ...over,
});

// Each surface must carry its own credential and never the other one.
const pos = () => nock(BASE, { reqheaders: { 'x-api-key': API_KEY }, badheaders: ['authorization'] });
const owner = () => nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` }, badheaders: ['x-api-key'] });

const checkinReply = { success: true, customerId: 'lp_1', pointsAwarded: 25, totalPoints: 125, rewardThreshold: 100, rewardAvailable: true };
const pointsReply = (adjustment: number) => ({ success: true, newBalance: 75, adjustment });

/** The PartnerError a call fails with, having checked no credential leaked into it. */
async function failure(call: Promise<unknown>): Promise<PartnerError> {
  const err: unknown = await call.then(
    () => { throw new Error('expected the call to fail'); },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PartnerError);
  const { message } = err as PartnerError;
  expect(message).not.toContain(API_KEY);
  expect(message).not.toContain(TOKEN);
  expect(message).not.toContain(PHONE);
  return err as PartnerError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('minorToDecimal', () => {
  it.each([
    ['2550', 2, 25.5],
    ['5', 2, 0.05],
    ['-1999', 2, -19.99],
    ['1234', 0, 1234],
    ['1001', 3, 1.001],
  ])('%s at %i decimals is %d', (minor, decimals, expected) => {
    expect(minorToDecimal(minor, decimals)).toBe(expected);
  });

  it('rejects what is not an integer string', () => {
    expect(() => minorToDecimal('25.50', 2)).toThrow(RangeError);
  });
});

describe('syncTransaction', () => {
  it('SPEND (the default) checks in by phone with the decimal amount', async () => {
    pos().post('/v1/pos/checkin', { phone: PHONE, amount: 25.5 }).reply(200, checkinReply);
    await expect(createLoyaltyPlusAdapter(connection()).syncTransaction(sale(), null)).resolves.toEqual({
      status: 'SYNCED',
      externalId: 'lp_1',
      detail: { pointsAwarded: 25, totalPoints: 125, rewardAvailable: true },
    });
  });

  it('prefers the link over the phone and sends the storeId', async () => {
    pos().post('/v1/pos/checkin', { customerId: 'lp_1', amount: 25.5, storeId: 'store_9' }).reply(200, checkinReply);
    const adapter = createLoyaltyPlusAdapter(connection({ mode: 'SPEND', storeId: 'store_9' }));
    await expect(adapter.syncTransaction(sale(), 'lp_1')).resolves.toMatchObject({ status: 'SYNCED', externalId: 'lp_1' });
  });

  it('UNIT checks in with the units bought', async () => {
    pos().post('/v1/pos/checkin', { phone: PHONE, units: 3 }).reply(200, checkinReply);
    const adapter = createLoyaltyPlusAdapter(connection({ mode: 'UNIT' }));
    await expect(adapter.syncTransaction(sale(), null)).resolves.toMatchObject({ status: 'SYNCED', externalId: 'lp_1' });
  });

  it('skips a sale with nothing to award', async () => {
    const adapter = createLoyaltyPlusAdapter(connection());
    await expect(adapter.syncTransaction(sale({ totalMinor: '0' }), null)).resolves.toMatchObject({ status: 'SKIPPED' });
  });

  it('MIRROR posts the hub delta as an owner adjustment', async () => {
    owner().post('/v1/owner/customers/lp_1/points', { points: 15, reason: 'Sale sale-42' }).reply(200, pointsReply(15));
    const adapter = createLoyaltyPlusAdapter(connection({ mode: 'MIRROR' }));
    await expect(adapter.syncTransaction(sale(), 'lp_1')).resolves.toEqual({
      status: 'SYNCED',
      externalId: 'lp_1',
      detail: { newBalance: 75, adjustment: 15 },
    });
  });

  it('MIRROR mirrors a negative delta when more was redeemed than earned', async () => {
    owner().post('/v1/owner/customers/lp_1/points', { points: -90, reason: 'Sale sale-42' }).reply(200, pointsReply(-90));
    const adapter = createLoyaltyPlusAdapter(connection({ mode: 'MIRROR' }));
    await expect(adapter.syncTransaction(sale({ pointsEarned: '10', pointsRedeemed: '100' }), 'lp_1')).resolves.toMatchObject({ status: 'SYNCED' });
  });

  it('MIRROR without a link creates the customer first and answers its id', async () => {
    owner()
      .post('/v1/owner/customers', { name: 'John Doe', phone: PHONE, notes: 'loyalty-hub hub-cust-1' })
      .reply(201, { success: true, customer: { id: 'lp_new', name: 'John Doe', phone: PHONE, totalPoints: 0 } });
    owner().post('/v1/owner/customers/lp_new/points', { points: 15, reason: 'Sale sale-42' }).reply(200, pointsReply(15));
    const adapter = createLoyaltyPlusAdapter(connection({ mode: 'MIRROR' }));
    await expect(adapter.syncTransaction(sale(), null)).resolves.toMatchObject({ status: 'SYNCED', externalId: 'lp_new' });
  });

  it('MIRROR skips a sale that moves no points', async () => {
    const adapter = createLoyaltyPlusAdapter(connection({ mode: 'MIRROR' }));
    await expect(adapter.syncTransaction(sale({ pointsEarned: '10', pointsRedeemed: '10' }), 'lp_1')).resolves.toMatchObject({ status: 'SKIPPED' });
  });

  it.each(['SPEND', 'UNIT', 'MIRROR'])('%s skips a customer with neither link nor phone', async (mode) => {
    const adapter = createLoyaltyPlusAdapter(connection({ mode }));
    await expect(adapter.syncTransaction(sale({ customer: customer({ phone: null }) }), null)).resolves.toMatchObject({ status: 'SKIPPED' });
  });

  it('refuses an unknown mode when the adapter is built', () => {
    expect(() => createLoyaltyPlusAdapter(connection({ mode: 'VISITS' }))).toThrow(/unknown mode/);
  });
});

describe('syncReturn', () => {
  it('reverses the points on the linked customer', async () => {
    owner().post('/v1/owner/customers/lp_1/points', { points: -15, reason: 'Return ret-7' }).reply(200, pointsReply(-15));
    await expect(createLoyaltyPlusAdapter(connection()).syncReturn(ret(), 'lp_1')).resolves.toMatchObject({
      status: 'SYNCED',
      externalId: 'lp_1',
    });
  });

  it('finds an unlinked customer by phone first', async () => {
    pos().get(`/v1/pos/customer/${PHONE_PATH}`).reply(200, { customerId: 'lp_2', name: 'John Doe', phone: PHONE, status: 'ACTIVE', totalPoints: 40, rewardAvailable: false });
    owner().post('/v1/owner/customers/lp_2/points', { points: -15, reason: 'Return ret-7' }).reply(200, pointsReply(-15));
    await expect(createLoyaltyPlusAdapter(connection({ mode: 'UNIT' })).syncReturn(ret(), null)).resolves.toMatchObject({
      status: 'SYNCED',
      externalId: 'lp_2',
    });
  });

  it('skips a customer Loyalty+ does not know', async () => {
    pos().get(`/v1/pos/customer/${PHONE_PATH}`).reply(404, { error: 'Customer not found' });
    await expect(createLoyaltyPlusAdapter(connection()).syncReturn(ret(), null)).resolves.toMatchObject({ status: 'SKIPPED' });
  });

  it('skips a return that moves no points', async () => {
    await expect(createLoyaltyPlusAdapter(connection()).syncReturn(ret({ pointsDeducted: '0', pointsReadded: '0' }), 'lp_1')).resolves.toMatchObject({
      status: 'SKIPPED',
    });
  });
});

describe('syncCustomer', () => {
  it('creates an unlinked customer and answers its id', async () => {
    owner()
      .post('/v1/owner/customers', { name: 'John Doe', phone: PHONE, notes: 'loyalty-hub hub-cust-1' })
      .reply(201, { success: true, customer: { id: 'lp_new', name: 'John Doe', phone: PHONE, totalPoints: 0 } });
    await expect(createLoyaltyPlusAdapter(connection()).syncCustomer(customer(), null)).resolves.toEqual({ status: 'SYNCED', externalId: 'lp_new' });
  });

  it('updates a linked customer', async () => {
    owner()
      .put('/v1/owner/customers/lp_1', { name: 'Jane Doe', phone: '+353987654321', status: 'ACTIVE' })
      .reply(200, { success: true, customer: { id: 'lp_1', name: 'Jane Doe', status: 'ACTIVE' } });
    const jane = customer({ firstName: 'Jane', phone: '+353987654321' });
    await expect(createLoyaltyPlusAdapter(connection()).syncCustomer(jane, 'lp_1')).resolves.toEqual({ status: 'SYNCED', externalId: 'lp_1' });
  });

  it('blocks a linked customer the hub blocked', async () => {
    owner()
      .put('/v1/owner/customers/lp_1', { name: 'John Doe', phone: PHONE, status: 'BLOCKED' })
      .reply(200, { success: true, customer: { id: 'lp_1', name: 'John Doe', status: 'BLOCKED' } });
    await expect(createLoyaltyPlusAdapter(connection()).syncCustomer(customer({ status: 'BLOCKED' }), 'lp_1')).resolves.toMatchObject({ status: 'SYNCED' });
  });

  it('does not create a blocked customer', async () => {
    await expect(createLoyaltyPlusAdapter(connection()).syncCustomer(customer({ status: 'BLOCKED' }), null)).resolves.toMatchObject({ status: 'SKIPPED' });
  });

  it('skips a customer without a phone', async () => {
    await expect(createLoyaltyPlusAdapter(connection()).syncCustomer(customer({ phone: null }), 'lp_1')).resolves.toMatchObject({ status: 'SKIPPED' });
  });
});

describe('adjustPoints', () => {
  const adjustment = (points: string) => ({ customer: customer(), points, reason: 'Goodwill', idempotencyKey: 'adj-1' });

  it('posts the signed points with the reason', async () => {
    owner().post('/v1/owner/customers/lp_1/points', { points: 50, reason: 'Goodwill' }).reply(200, pointsReply(50));
    await expect(createLoyaltyPlusAdapter(connection()).adjustPoints(adjustment('50'), 'lp_1')).resolves.toMatchObject({ status: 'SYNCED' });
  });

  it('mirrors a redemption as a deduction on an unlinked customer found by phone (not /pos/redeem)', async () => {
    pos().get(`/v1/pos/customer/${PHONE_PATH}`).reply(200, { customerId: 'lp_2', totalPoints: 125 });
    owner().post('/v1/owner/customers/lp_2/points', { points: -100, reason: 'Goodwill' }).reply(200, pointsReply(-100));
    await expect(createLoyaltyPlusAdapter(connection({ mode: 'SPEND' })).adjustPoints(adjustment('-100'), null)).resolves.toMatchObject({
      status: 'SYNCED',
      externalId: 'lp_2',
    });
  });
});

describe('getBalance', () => {
  it('reads the balance by link', async () => {
    pos().get('/v1/pos/balance/lp_1').reply(200, { customerId: 'lp_1', totalPoints: 125 });
    await expect(createLoyaltyPlusAdapter(connection()).getBalance(customer(), 'lp_1')).resolves.toBe(125n);
  });

  it('reads the balance by phone', async () => {
    pos().get(`/v1/pos/balance/${PHONE_PATH}`).reply(200, { customerId: 'lp_1', totalPoints: 0 });
    await expect(createLoyaltyPlusAdapter(connection()).getBalance(customer(), null)).resolves.toBe(0n);
  });

  it('answers null with nothing to identify the customer', async () => {
    await expect(createLoyaltyPlusAdapter(connection()).getBalance(customer({ phone: null }), null)).resolves.toBeNull();
  });
});

describe('failures', () => {
  const balance = (timeoutMs?: number) => createLoyaltyPlusAdapter(connection(), { timeoutMs }).getBalance(customer(), 'lp_1');

  it('400 is not retryable and carries the partner message', async () => {
    pos().post('/v1/pos/checkin').reply(400, { error: 'amount must be positive' });
    const err = await failure(createLoyaltyPlusAdapter(connection()).syncTransaction(sale(), 'lp_1'));
    expect(err).toMatchObject({ retryable: false, status: 400 });
    expect(err.message).toContain('amount must be positive');
    expect(err.message).toContain('POST /v1/pos/checkin');
  });

  it('401 on an owner call is not retryable', async () => {
    owner().post('/v1/owner/customers/lp_1/points').reply(401, { error: 'Invalid token' });
    const err = await failure(createLoyaltyPlusAdapter(connection()).adjustPoints({ customer: customer(), points: '5', reason: 'x', idempotencyKey: 'k' }, 'lp_1'));
    expect(err).toMatchObject({ retryable: false, status: 401 });
  });

  it('500 is retryable', async () => {
    pos().get('/v1/pos/balance/lp_1').reply(500, { error: 'Internal error' });
    expect(await failure(balance())).toMatchObject({ retryable: true, status: 500 });
  });

  it('429 is retryable after the partner’s Retry-After', async () => {
    pos().get('/v1/pos/balance/lp_1').reply(429, { error: 'Too many requests' }, { 'Retry-After': '7' });
    expect(await failure(balance())).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
  });

  it('a connection error is retryable', async () => {
    pos().get('/v1/pos/balance/lp_1').replyWithError({ code: 'ECONNRESET' });
    expect(await failure(balance())).toMatchObject({ retryable: true, status: null });
  });

  it('a timeout is retryable', async () => {
    pos().get('/v1/pos/balance/lp_1').delay(500).reply(200, { customerId: 'lp_1', totalPoints: 1 });
    const err = await failure(balance(100));
    expect(err).toMatchObject({ retryable: true, status: null });
    expect(err.message).toContain('timed out');
  });

  it('names the path template, not the phone, in a lookup error', async () => {
    pos().get(`/v1/pos/customer/${PHONE_PATH}`).reply(403, { error: 'Forbidden' });
    const err = await failure(createLoyaltyPlusAdapter(connection()).syncReturn(ret(), null));
    expect(err.message).toContain('/v1/pos/customer/{identifier}');
  });

  it('a missing credential fails without a request', async () => {
    const conn = { ...connection(), credentials: { apiKey: API_KEY } };
    const err = await failure(createLoyaltyPlusAdapter(conn).syncReturn(ret(), 'lp_1'));
    expect(err).toMatchObject({ retryable: false });
    expect(err.message).toContain('credentials.ownerToken');
  });
});

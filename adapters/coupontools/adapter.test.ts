import nock from 'nock';
import type { AdapterConnection, PartnerCustomer, PointsAdjustment, SyncedReturn, SyncedSale } from '../../domain/partners/ports';
import { PartnerError } from '../partner-error';
import { createCoupontoolsAdapter } from './adapter';
import { createCoupontoolsClient } from './client';

const ORIGIN = 'https://api.coupontools.test';
const CARD = '/v4/loyalty/loyalty-cards/card-9';
const CLIENT_ID = 'client-id-7f3a';
const CLIENT_SECRET = 'client-secret-b91c';
const defaultAuth = { 'x-client-id': CLIENT_ID, 'x-client-secret': CLIENT_SECRET };

function connection(options: Record<string, unknown> = {}): AdapterConnection {
  return {
    id: 'conn-1',
    partner: 'coupontools',
    baseUrl: `${ORIGIN}/v4`,
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    options: { loyaltyCardId: 'card-9', ...options },
  };
}

const api = (reqheaders: Record<string, string> = defaultAuth) => nock(ORIGIN, { reqheaders });

const customer: PartnerCustomer = {
  id: 'cust-1',
  barcode: '2000000000017',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: null,
  status: 'ACTIVE',
};
const userBody = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', custom_1: 'cust-1' };

function sale(totalMinor = '2550'): SyncedSale {
  return {
    uniqueId: 'sale-1',
    customer,
    outletId: 'outlet-1',
    request: {},
    totalMinor,
    currencyDecimals: 2,
    units: 1,
    pointsEarned: '0',
    pointsRedeemed: '0',
  };
}

const ret: SyncedReturn = {
  uniqueId: 'ret-1',
  saleUniqueId: 'sale-1',
  kind: 'full',
  customer,
  lines: [],
  request: null,
  pointsDeducted: '0',
  pointsReadded: '0',
};
const adjustment: PointsAdjustment = { customer, points: '10', reason: 'goodwill', idempotencyKey: 'adj-1' };

async function failure(pending: Promise<unknown>): Promise<PartnerError> {
  const err = await pending.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PartnerError);
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

describe('syncTransaction', () => {
  it('creates the card user on first sight, then adds a stamp to it', async () => {
    api().post(`${CARD}/stats`, userBody).reply(201, { id: 77 });
    api().post(`${CARD}/stats/77`, { amount: 1 }).reply(200, {});
    await expect(createCoupontoolsAdapter(connection()).syncTransaction(sale(), null)).resolves.toEqual({
      status: 'SYNCED',
      externalId: '77',
      detail: { stamps: 1 },
    });
  });

  it('stamps an existing card user, even when the partner answers with plain text', async () => {
    api().post(`${CARD}/stats/u-5`, { amount: 1 }).reply(200, 'OK');
    await expect(createCoupontoolsAdapter(connection()).syncTransaction(sale(), 'u-5')).resolves.toEqual({ status: 'SYNCED', detail: { stamps: 1 } });
  });

  it('gives one stamp per full minorPerStamp of the total (25.50 at 10.00 → 2)', async () => {
    api().post(`${CARD}/stats/u-5`, { amount: 2 }).reply(200, {});
    const adapter = createCoupontoolsAdapter(connection({ stampRule: { per: 'amount', minorPerStamp: 1000 } }));
    await expect(adapter.syncTransaction(sale('2550'), 'u-5')).resolves.toEqual({ status: 'SYNCED', detail: { stamps: 2 } });
  });

  it('skips a sale that earns no stamps, without calling the partner', async () => {
    const adapter = createCoupontoolsAdapter(connection({ stampRule: { per: 'amount', minorPerStamp: 1000 } }));
    await expect(adapter.syncTransaction(sale('999'), 'u-5')).resolves.toMatchObject({ status: 'SKIPPED' });
  });

  it('skips a sale below minTotalMinor, without calling the partner', async () => {
    const result = await createCoupontoolsAdapter(connection({ minTotalMinor: 5000 })).syncTransaction(sale('2550'), null);
    expect(result).toEqual({ status: 'SKIPPED', reason: 'sale total 2550 is below minTotalMinor 5000' });
  });

  it('fails without retry when a created user comes back without an id, and adds no stamps', async () => {
    api().post(`${CARD}/stats`, userBody).reply(201, { ok: true });
    const err = await failure(createCoupontoolsAdapter(connection()).syncTransaction(sale(), null));
    expect(err.retryable).toBe(false);
  });
});

describe('syncCustomer', () => {
  it('voids the card of a blocked customer', async () => {
    api().put(`${CARD}/stats/u-5/void`).reply(200, {});
    const result = await createCoupontoolsAdapter(connection()).syncCustomer({ ...customer, status: 'BLOCKED' }, 'u-5');
    expect(result).toEqual({ status: 'SYNCED', detail: { voided: true } });
  });

  it('skips a blocked customer that has no card user', async () => {
    const result = await createCoupontoolsAdapter(connection()).syncCustomer({ ...customer, status: 'BLOCKED' }, null);
    expect(result).toMatchObject({ status: 'SKIPPED' });
  });

  it('updates the user fields of a linked customer (never an amount)', async () => {
    api().post(`${CARD}/stats/u-5`, userBody).reply(200, {});
    await expect(createCoupontoolsAdapter(connection()).syncCustomer(customer, 'u-5')).resolves.toEqual({ status: 'SYNCED' });
  });

  it('creates an unlinked customer and answers the new id', async () => {
    api().post(`${CARD}/stats`, userBody).reply(201, { id: 'u-9' });
    await expect(createCoupontoolsAdapter(connection()).syncCustomer(customer, null)).resolves.toEqual({ status: 'SYNCED', externalId: 'u-9' });
  });
});

describe('what Coupontools cannot take', () => {
  const adapter = createCoupontoolsAdapter(connection());

  it('skips returns: there is no endpoint to remove stamps', async () => {
    await expect(adapter.syncReturn(ret, 'u-5')).resolves.toEqual({ status: 'SKIPPED', reason: 'Coupontools has no endpoint to remove stamps' });
  });

  it('skips points adjustments: it counts stamps', async () => {
    await expect(adapter.adjustPoints(adjustment, 'u-5')).resolves.toMatchObject({ status: 'SKIPPED' });
  });
});

describe('connection options', () => {
  it.each([
    ['no loyaltyCardId', { loyaltyCardId: undefined }, /loyaltyCardId/],
    ['an unknown stamp rule', { stampRule: { per: 'visit' } }, /stampRule/],
    ['a non-integer minorPerStamp', { stampRule: { per: 'amount', minorPerStamp: 2.5 } }, /stampRule/],
    ['a malformed minTotalMinor', { minTotalMinor: '12.50' }, /minTotalMinor/],
  ])('skips every operation with %s', async (_name, options, reason) => {
    const adapter = createCoupontoolsAdapter(connection(options));
    for (const result of [
      await adapter.syncTransaction(sale(), 'u-5'),
      await adapter.syncCustomer(customer, 'u-5'),
      await adapter.syncCustomer(customer, null),
      await adapter.syncCustomer({ ...customer, status: 'BLOCKED' }, 'u-5'),
    ]) {
      expect(result).toEqual({ status: 'SKIPPED', reason: expect.stringMatching(reason) });
    }
    await expect(adapter.syncReturn(ret, 'u-5')).resolves.toMatchObject({ status: 'SKIPPED' });
    await expect(adapter.adjustPoints(adjustment, 'u-5')).resolves.toMatchObject({ status: 'SKIPPED' });
    await expect(adapter.getBalance(customer, 'u-5')).resolves.toBeNull();
  });

  it('sends the credentials under the header names the connection sets', async () => {
    nock(ORIGIN, { reqheaders: { 'x-api-id': CLIENT_ID, 'x-api-key': CLIENT_SECRET }, badheaders: ['x-client-id', 'x-client-secret'] })
      .post(`${CARD}/stats/u-5`, { amount: 1 })
      .reply(200, {});
    const adapter = createCoupontoolsAdapter(connection({ clientIdHeader: 'X-Api-Id', clientSecretHeader: 'X-Api-Key' }));
    await expect(adapter.syncTransaction(sale(), 'u-5')).resolves.toMatchObject({ status: 'SYNCED' });
  });
});

describe('getBalance', () => {
  it('reads the stamps on the card user', async () => {
    api().get(`${CARD}/stats/u-5`).reply(200, { id: 'u-5', stamps: 4 });
    await expect(createCoupontoolsAdapter(connection()).getBalance(customer, 'u-5')).resolves.toBe(4n);
  });

  it('answers null when the user carries no numeric stamps', async () => {
    api().get(`${CARD}/stats/u-5`).reply(200, { id: 'u-5', stamps: 'four' });
    await expect(createCoupontoolsAdapter(connection()).getBalance(customer, 'u-5')).resolves.toBeNull();
  });

  it('answers null without a card user', async () => {
    await expect(createCoupontoolsAdapter(connection()).getBalance(customer, null)).resolves.toBeNull();
  });
});

describe('client.useRewards', () => {
  it('uses the given rewards of a card user', async () => {
    api().put(`${CARD}/stats/u-5/rewards`, { reward_ids: [11, 'r-12'] }).reply(200, {});
    await expect(createCoupontoolsClient(connection(), 'card-9', 1000).useRewards('u-5', [11, 'r-12'])).resolves.toBeUndefined();
  });

  it('classifies a failure like any other call', async () => {
    api().put(`${CARD}/stats/u-5/rewards`).reply(404, { message: 'reward not found' });
    const err = await failure(createCoupontoolsClient(connection(), 'card-9', 1000).useRewards('u-5', [11]));
    expect(err).toMatchObject({ retryable: false, status: 404 });
    expect(err.message).toContain('reward not found');
  });
});

describe('errors', () => {
  const stamp = (timeoutMs = 1000) => createCoupontoolsAdapter(connection(), { timeoutMs }).syncTransaction(sale(), 'u-5');
  const stamps = () => api().post(`${CARD}/stats/u-5`, { amount: 1 });
  const noCredentials = (err: PartnerError) => {
    expect(err.message).not.toContain(CLIENT_ID);
    expect(err.message).not.toContain(CLIENT_SECRET);
  };

  it("surfaces a 400 with the partner's message, not retryable", async () => {
    stamps().reply(400, { message: 'amount must be at least 1' });
    const err = await failure(stamp());
    expect(err).toMatchObject({ partner: 'coupontools', retryable: false, status: 400, retryAfterMs: null });
    expect(err.message).toBe(`coupontools POST ${CARD}/stats/u-5 → 400: amount must be at least 1`);
    noCredentials(err);
  });

  it.each([401, 403])('does not retry %i', async (status) => {
    stamps().reply(status, { message: 'invalid api key' });
    const err = await failure(stamp());
    expect(err).toMatchObject({ retryable: false, status });
    noCredentials(err);
  });

  it.each([500, 503])('retries %i', async (status) => {
    stamps().reply(status, 'upstream unavailable');
    const err = await failure(stamp());
    expect(err).toMatchObject({ retryable: true, status });
    noCredentials(err);
  });

  it('retries 429 after the Retry-After it was given', async () => {
    stamps().reply(429, { message: 'slow down' }, { 'Retry-After': '7' });
    const err = await failure(stamp());
    expect(err).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
    noCredentials(err);
  });

  it('retries a connection error', async () => {
    stamps().replyWithError({ code: 'ECONNRESET' });
    const err = await failure(stamp());
    expect(err).toMatchObject({ retryable: true, status: null });
    noCredentials(err);
  });

  it('retries a timeout', async () => {
    stamps().delay(500).reply(200, {});
    const err = await failure(stamp(100));
    expect(err).toMatchObject({ retryable: true, status: null });
    expect(err.message).toBe(`coupontools POST ${CARD}/stats/u-5 timed out`);
    noCredentials(err);
  });
});

describe('remembering a new card user', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it('remembers the created user before stamping, so a failed stamp is retried on the same user', async () => {
    const remembered: string[] = [];
    api().post(`${CARD}/stats`, userBody).reply(200, { id: 'u-55' }).post(`${CARD}/stats/u-55`, { amount: 1 }).reply(503, { message: 'busy' });
    const adapter = createCoupontoolsAdapter(connection());
    await expect(adapter.syncTransaction(sale(), null, async (id) => void remembered.push(id))).rejects.toMatchObject({ retryable: true });
    expect(remembered).toEqual(['u-55']);
    // The retry comes with the remembered link: no second create.
    const retry = api().post(`${CARD}/stats/u-55`, { amount: 1 }).reply(200, {});
    await expect(adapter.syncTransaction(sale(), 'u-55', async (id) => void remembered.push(id))).resolves.toEqual({ status: 'SYNCED', detail: { stamps: 1 } });
    expect(retry.isDone()).toBe(true);
    expect(remembered).toEqual(['u-55']);
  });
});

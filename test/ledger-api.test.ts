import { randomUUID } from 'node:crypto';
import { TransactionView } from '../api/schemas/ledger-views';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';

let h: Harness;
let scheme: TestScheme;
let ledgerId: string;
let accountId: string;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  const ledgers = await h.http.get('/v1/ledgers').set(scheme.headers).expect(200);
  expect(ledgers.body).toMatchObject({ data: [{ isDefault: true, name: 'Main ledger' }], nextCursor: null });
  ledgerId = ledgers.body.data[0].id;
  accountId = ledgers.body.data[0].defaultAccountId;
});
afterAll(() => h.close());

async function newCustomerWallet(): Promise<{ customerId: string; walletId: string }> {
  const created = await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201);
  const got = await h.http.get(`/v1/customers/${created.body.id}`).set(scheme.headers).expect(200);
  expect(got.body.wallets).toEqual([expect.objectContaining({ ledgerId, accountId, kind: 'customer', available: '0' })]);
  return { customerId: created.body.id, walletId: got.body.wallets[0].walletId };
}

const acc = () => `/v1/ledgers/${ledgerId}/accounts/${accountId}`;

/** The relay starts the expiry within a second of the commit: until then the workflow does not exist yet. */
async function eventuallyResult<T>(get: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await get();
    } catch (err) {
      if (Date.now() > deadline || (err as Error).name !== 'WorkflowNotFoundError') throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('ledger API (every mutation is an applyLedgerRequest workflow)', () => {
  it('mints, holds, captures part and reports balances', async () => {
    const { customerId, walletId } = await newCustomerWallet();
    const mint = await h.http.post(`${acc()}/wallets/${walletId}/mint`).set(scheme.headers).send({ amount: 150, systemUniqueKey: `m-${randomUUID()}`, tags: ['sale'] }).expect(201);
    expect(mint.body.transactions).toEqual([expect.objectContaining({ amount: '150', status: 'posted', creditWalletId: walletId, tags: ['sale'] })]);

    const hold = await h.http.post(`${acc()}/wallets/${walletId}/burn`).set(scheme.headers).send({ amount: '100', captureMethod: 'manual' }).expect(201);
    expect(hold.body.transactions[0].status).toBe('pending');
    let balance = await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200);
    expect(balance.body.ledgers[0]).toMatchObject({ available: '50', pending: '100', posted: '150' });

    await h.http.post(`${acc()}/capture`).set(scheme.headers).send({ transactions: [{ ledgerTransactionId: hold.body.transactions[0].id, captureAmount: 60 }] }).expect(201);
    balance = await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200);
    expect(balance.body.ledgers[0]).toMatchObject({ available: '90', pending: '0', posted: '90' });

    const wallet = await h.http.get(`${acc()}/wallets/${walletId}`).set(scheme.headers).expect(200);
    expect(wallet.body.wallet).toMatchObject({ walletId, creditsPosted: '150', debitsPosted: '60', debitsPending: '0' });

    const list = await h.http.get(`${acc()}/transactions`).query({ walletId, limit: 2, order: 'createdAt,asc' }).set(scheme.headers).expect(200);
    expect(list.body.data.map((t: { status: string }) => t.status)).toEqual(['posted', 'pending']);
    // Keyset paging: the cursor continues after the last row, in the same order.
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await h.http.get(`${acc()}/transactions`).query({ walletId, limit: 2, order: 'createdAt,asc', cursor: list.body.nextCursor }).set(scheme.headers).expect(200);
    expect(next.body.data).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    const newestFirst = await h.http.get(`${acc()}/transactions`).query({ walletId, limit: 1 }).set(scheme.headers).expect(200);
    expect(newestFirst.body.data[0].id).toBe(next.body.data[0].id);
    const tagged = await h.http.get(`${acc()}/transactions`).query({ walletId, tags: 'sale' }).set(scheme.headers).expect(200);
    expect(tagged.body.data).toHaveLength(1);
    await h.http.get(`${acc()}/transactions`).query({ cursor: 'not-a-cursor' }).set(scheme.headers).expect(400);
  });

  it('expires a hold at its timeoutAt (an expireLedgerHold workflow per hold), and leaves one captured before alone', async () => {
    const { customerId, walletId } = await newCustomerWallet();
    await h.http.post(`${acc()}/wallets/${walletId}/mint`).set(scheme.headers).send({ amount: 100 }).expect(201);
    const soon = () => new Date(Date.now() + 2000).toISOString();
    const lapsing = await h.http.post(`${acc()}/wallets/${walletId}/burn`).set(scheme.headers).send({ amount: 30, captureMethod: 'manual', timeoutAt: soon() }).expect(201);
    const captured = await h.http.post(`${acc()}/wallets/${walletId}/burn`).set(scheme.headers).send({ amount: 20, captureMethod: 'manual', timeoutAt: soon() }).expect(201);
    const capturedId = captured.body.transactions[0].id as string;
    await h.http.post(`${acc()}/capture`).set(scheme.headers).send({ transactions: [{ ledgerTransactionId: capturedId }] }).expect(201);

    const expiry = (id: string) => h.client.workflow.getHandle(`ledger-hold/${scheme.id}/${id}/expiry`);
    expect(await eventuallyResult(() => expiry(lapsing.body.transactions[0].id).result())).toEqual({ expired: true });
    expect(await expiry(capturedId).result()).toEqual({ expired: false });
    const balance = await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200);
    expect(balance.body.ledgers[0]).toMatchObject({ available: '80', held: '0', posted: '80' });
    const rows = await h.orm.em.fork().getConnection().execute('select status, amount::text from transfers where pending_id = ? or pending_id = ? order by status', [lapsing.body.transactions[0].id, capturedId]);
    expect(rows).toEqual([{ status: 'expired', amount: '30' }, { status: 'posted_from_pending', amount: '20' }]);
  });

  it('answers a repeated systemUniqueKey with the original transfer, and 409 for another body', async () => {
    const { walletId } = await newCustomerWallet();
    const key = `k-${randomUUID()}`;
    const send = (amount: number) => h.http.post(`${acc()}/wallets/${walletId}/mint`).set(scheme.headers).send({ amount, systemUniqueKey: key });
    const results = await Promise.all(Array.from({ length: 10 }, () => send(5).then((r) => r)));
    expect(new Set(results.map((r) => r.body.transactions?.[0]?.id)).size).toBe(1);
    // A replay answers exactly what the first call answered.
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(Object.keys(results[0]?.body.transactions[0]).sort()).toEqual(Object.keys(TransactionView.shape).sort());
    const again = await send(6);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('idempotency_key_reused');
    const w = await h.http.get(`${acc()}/wallets/${walletId}`).set(scheme.headers).expect(200);
    expect(w.body.wallet.available).toBe('5');
  });

  it('end to end under concurrency: 60 burns of 10 against 300 points → exactly 30 succeed', async () => {
    const { walletId } = await newCustomerWallet();
    await h.http.post(`${acc()}/wallets/${walletId}/mint`).set(scheme.headers).send({ amount: 300 }).expect(201);
    // A burst this size on two cores may be partly shed at the door (503 overloaded, nothing done) or outrun the
    // request deadline (503, the burn goes on): the client repeats both with the same systemUniqueKey after
    // Retry-After, as documented, and gets the first outcome; every burn ends 201 or 422.
    const burn = async () => {
      const systemUniqueKey = `burn-${randomUUID()}`;
      for (;;) {
        const r = await h.http.post(`${acc()}/wallets/${walletId}/burn`).set(scheme.headers).send({ amount: 10, systemUniqueKey });
        if (r.status !== 503) return r;
        await new Promise((done) => setTimeout(done, 200));
      }
    };
    const results = await Promise.all(Array.from({ length: 60 }, burn));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.filter((s) => s === 422)).toHaveLength(30);
    const w = await h.http.get(`${acc()}/wallets/${walletId}`).set(scheme.headers).expect(200);
    expect(w.body.wallet).toMatchObject({ available: '0', debitsPosted: '300' });
    const verify = await h.http.get('/v1/ledger/verify').query({ schemeId: scheme.id }).set('Authorization', `Bearer ${h.adminToken}`).expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it('refuses overspending with 422 in the error format and changes nothing', async () => {
    const { walletId } = await newCustomerWallet();
    const res = await h.http.post(`${acc()}/wallets/${walletId}/burn`).set(scheme.headers).send({ amount: 1 }).expect(422);
    expect(res.body.error).toMatchObject({ code: 'business_rule_violated', message: 'Insufficient points: 0 available, 1 requested' });
    const list = await h.http.get(`${acc()}/transactions`).query({ walletId }).set(scheme.headers).expect(200);
    expect(list.body).toEqual({ data: [], nextCursor: null });
  });

  it('applies a batch all or nothing', async () => {
    const a = await newCustomerWallet();
    const b = await newCustomerWallet();
    const failing = await h.http
      .post(`/v1/ledgers/${ledgerId}/transactions/batch`)
      .set(scheme.headers)
      .send({ operations: [
        { type: 'mint', accountId, walletId: a.walletId, amount: 10 },
        { type: 'transfer', accountId, fromWalletId: a.walletId, toWalletId: b.walletId, amount: 11 },
      ] });
    expect(failing.status).toBe(422);
    const ok = await h.http
      .post(`/v1/ledgers/${ledgerId}/transactions/batch`)
      .set(scheme.headers)
      .send({ operations: [
        { type: 'mint', accountId, walletId: a.walletId, amount: 10 },
        { type: 'transfer', accountId, fromWalletId: a.walletId, toWalletId: b.walletId, amount: 4 },
      ] })
      .expect(201);
    expect(ok.body.transactions).toHaveLength(2);
    const rev = await h.http.post(`${acc()}/transactions/${ok.body.transactions[1].id}/revert`).set(scheme.headers).send({}).expect(201);
    expect(rev.body.transactions[0]).toMatchObject({ reversalOf: ok.body.transactions[1].id, amount: '4' });
    await h.http.post(`${acc()}/transactions/${ok.body.transactions[1].id}/revert`).set(scheme.headers).send({}).expect(409);
    const verify = await h.http.get('/v1/ledger/verify').query({ schemeId: scheme.id }).set('Authorization', `Bearer ${h.adminToken}`).expect(200);
    expect(verify.body).toEqual({ ok: true, violations: [] });
  });

  it.each([
    ['a float', 1.5],
    ['a decimal string', '1.5'],
    ['zero', 0],
    ['a negative', -5],
    ['more than the maximum', '18446744073710'],
    ['an exponent', '1e3'],
  ])('rejects %s as an amount with 400', async (_what, amount) => {
    const { walletId } = await newCustomerWallet();
    const res = await h.http.post(`${acc()}/wallets/${walletId}/mint`).set(scheme.headers).send({ amount }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('creates and edits ledgers and accounts; a new account can post at once', async () => {
    const ledger = await h.http.post('/v1/ledgers').set(scheme.headers).send({ name: `Gift cards ${randomUUID()}` }).expect(201);
    const account = await h.http
      .post(`/v1/ledgers/${ledger.body.ledger.id}/accounts`)
      .set(scheme.headers)
      .send({ name: 'EUR', active: true, decimals: 2, maxSupply: '100000', isDefaultAccount: true })
      .expect(201);
    expect(account.body.ledgerAccount).toMatchObject({ decimals: 2, maxSupply: '100000', isDefaultAccount: true });
    const got = await h.http.get(`/v1/ledgers/${ledger.body.ledger.id}`).set(scheme.headers).expect(200);
    expect(got.body.ledger.defaultAccountId).toBe(account.body.ledgerAccount.id);
    // Naming the account that is already the default keeps it the default (found by the bad-input property test).
    await h.http.put(`/v1/ledgers/${ledger.body.ledger.id}`).set(scheme.headers).send({ name: ledger.body.ledger.name, defaultAccountId: account.body.ledgerAccount.id }).expect(200);
    expect((await h.http.get(`/v1/ledgers/${ledger.body.ledger.id}`).set(scheme.headers).expect(200)).body.ledger.defaultAccountId).toBe(account.body.ledgerAccount.id);
    await h.http.put(`/v1/ledgers/${ledger.body.ledger.id}/accounts/${account.body.ledgerAccount.id}`).set(scheme.headers).send({ name: 'EUR', active: false }).expect(200);
    const accounts = await h.http.get(`/v1/ledgers/${ledger.body.ledger.id}/accounts`).set(scheme.headers).expect(200);
    expect(accounts.body.data[0].active).toBe(false);
    await h.http.put(`/v1/ledgers/${ledger.body.ledger.id}/accounts/${account.body.ledgerAccount.id}`).set(scheme.headers).send({ name: 'EUR', active: true }).expect(200);

    const { customerId } = await newCustomerWallet();
    const path = `/v1/ledgers/${ledger.body.ledger.id}/accounts/${account.body.ledgerAccount.id}`;
    const first = await h.http.put(`${path}/customers/${customerId}/wallet`).set(scheme.headers).expect(200);
    const second = await h.http.put(`${path}/customers/${customerId}/wallet`).set(scheme.headers).expect(200);
    expect(second.body.wallet.walletId).toBe(first.body.wallet.walletId);
    await h.http.post(`${path}/wallets/${first.body.wallet.walletId}/mint`).set(scheme.headers).send({ amount: 2500 }).expect(201);
    const balance = await h.http.get(`/v1/customers/${customerId}/balance`).set(scheme.headers).expect(200);
    expect(balance.body.ledgers.map((l: { available: string }) => l.available)).toEqual(['0', '2500']);
  });

  it("keeps schemes apart, and lets the admin act for a scheme named in X-Scheme", async () => {
    const other = await createTestScheme(h);
    await h.http.get(`/v1/ledgers/${ledgerId}`).set(other.headers).expect(404);
    const { walletId } = await newCustomerWallet();
    await h.http.post(`/v1/ledgers/${ledgerId}/accounts/${accountId}/wallets/${walletId}/mint`).set(other.headers).send({ amount: 1 }).expect(404);
    const admin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
    await h.http.get(`/v1/ledgers/${ledgerId}`).set(admin).expect(200);
    await h.http.get('/v1/ledgers').set({ Authorization: `Bearer ${h.adminToken}` }).expect(401);
  });
});

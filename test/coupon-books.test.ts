import { randomUUID } from 'node:crypto';
import { customerWithPoints, saleWorld } from './fixtures/sales';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { createHarness, type Harness } from './support/harness';
import { asTill, storm } from './support/storm';

/**
 * Coupon books (seed 004): codes handed out exactly once under racing members,
 * strict mode all-or-nothing, uses exactly once by systemUniqueKey, reverts
 * once, the member's lists and counts, and book codes at the till through a
 * sale's `coupons` (validity, owner, publishing status and tier checked; a
 * full return gives the code back).
 */
let h: Harness;
let scheme: TestScheme;
let outletId: string;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  ({ outletId } = await saleWorld(h, scheme));
});
afterAll(() => h.close());

type Usage = { id: string; code: string; memberId: string; kind: string; systemUniqueKey: string; revertedAt: string | null };
/** The book routes as a test drives them. */
const api = {
    book: async (overrides: Record<string, unknown> = {}, codes = 0) => {
      const book = (await h.http.post('/v1/coupon-books').set(scheme.headers).send({ name: `Book ${randomUUID().slice(0, 8)}`, discountType: 'amount_off', discountAmount: 500, publishingStatus: 'published', ...overrides }).expect(201)).body.couponBook as { id: string };
      if (codes > 0) await h.http.post(`/v1/coupon-books/${book.id}/codes`).set(scheme.headers).send({ generate: codes }).expect(201);
      return book;
    },
    assign: (bookId: string, body: Record<string, unknown>) => h.http.post(`/v1/coupon-books/${bookId}/assign`).set(scheme.headers).send(body),
    use: (bookId: string, body: Record<string, unknown>) => h.http.post(`/v1/coupon-books/${bookId}/use`).set(scheme.headers).send(body),
    codes: async (bookId: string) => (await h.http.get(`/v1/coupon-books/${bookId}/codes`).query({ limit: 200 }).set(scheme.headers).expect(200)).body.data as Array<{ code: string; memberId: string | null; usedAt: string | null; usedBy: string | null }>,
};
const member = async () => (await customerWithPoints(h, scheme, 0)).customerId;
const keys = (n: number) => Array.from({ length: n }, () => `k-${randomUUID()}`);

describe('assignment', () => {
  it('gives 100 members racing for 10 codes exactly 10, one each, and refuses the rest cleanly', async () => {
    const book = await api.book({}, 10);
    const members: string[] = [];
    for (let i = 0; i < 100; i++) members.push(await member());
    const answers = await Promise.all(members.map((memberId) => asTill(() => api.assign(book.id, { memberId, systemUniqueKeys: keys(1), strictMode: true }).then((r) => r))));
    const won = answers.filter((r) => r.status === 201);
    expect(won).toHaveLength(10);
    expect(answers.filter((r) => r.status !== 201).map((r) => [r.status, r.body.error.code])).toEqual(Array(90).fill([422, 'business_rule_violated']));
    const codes = await api.codes(book.id);
    expect(new Set(codes.map((c) => c.memberId)).size).toBe(10);
    expect(new Set(won.map((r) => r.body.couponUsages[0].code)).size).toBe(10);
  });

  it('strict mode takes exactly N or nothing; without it, what is left', async () => {
    const book = await api.book({}, 3);
    const a = await member();
    const refused = await api.assign(book.id, { memberId: a, systemUniqueKeys: keys(4), strictMode: true }).expect(422);
    expect(refused.body.error.message).toMatch(/3 code\(s\) left, not the 4/);
    expect((await api.codes(book.id)).filter((c) => c.memberId)).toEqual([]);
    const partial = await api.assign(book.id, { memberId: a, systemUniqueKeys: keys(4) }).expect(201);
    expect(partial.body.couponUsages).toHaveLength(3);
    await api.assign(book.id, { memberId: a, systemUniqueKeys: keys(1) }).expect(422);
  });

  it('is exactly once by its keys: a repeat answers the same usages, another request under a key is 409', async () => {
    const book = await api.book({}, 5);
    const a = await member();
    const body = { memberId: a, systemUniqueKeys: keys(2), strictMode: true };
    const answers = await storm(20, () => api.assign(book.id, body).then((r) => r));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect((await api.codes(book.id)).filter((c) => c.memberId === a)).toHaveLength(2);
    expect((await api.assign(book.id, { ...body, strictMode: false }).expect(409)).body.error.code).toBe('conflict');
  });

  it('keeps maxAssignedPerMember under concurrency, assigns named codes all or none, and honours the expiry', async () => {
    const book = await api.book({ maxAssignedPerMember: 2 }, 10);
    const a = await member();
    const answers = await Promise.all(Array.from({ length: 6 }, () => asTill(() => api.assign(book.id, { memberId: a, systemUniqueKeys: keys(1) }).then((r) => r))));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(2);
    // Named codes count against the cap too: two for a member with room for none is refused.
    const [n1, n2] = (await api.codes(book.id)).filter((c) => c.memberId === null).map((c) => c.code);
    await api.assign(book.id, { memberId: a, systemUniqueKeys: keys(2), codes: [n1, n2] }).expect(422);
    await api.assign(book.id, { memberId: a, systemUniqueKeys: keys(2), codes: [n1, n1] }).expect(400);
    const named = await api.book({}, 0);
    await h.http.post(`/v1/coupon-books/${named.id}/codes`).set(scheme.headers).send({ codes: [`N-${randomUUID().slice(0, 8)}`, `M-${randomUUID().slice(0, 8)}`] }).expect(201);
    const [first, second] = (await api.codes(named.id)).map((c) => c.code) as [string, string];
    const b = await member();
    const past = '2020-01-01T00:00:00Z';
    await api.assign(named.id, { memberId: b, systemUniqueKeys: keys(1), codes: [first], expiredAt: past }).expect(201);
    await api.assign(named.id, { memberId: b, systemUniqueKeys: keys(2), codes: [first, second] }).expect(422);
    expect((await api.codes(named.id)).find((c) => c.code === second)?.memberId).toBeNull();
    expect((await api.use(named.id, { memberId: b, systemUniqueKey: `u-${randomUUID()}`, code: first }).expect(422)).body.error.message).toMatch(/expired/);
  });

  it('refuses a book that is not published, another tier, a failing condition and a blocked member, taking nothing', async () => {
    const a = await member();
    const draft = await api.book({ publishingStatus: 'draft' }, 2);
    expect((await api.assign(draft.id, { memberId: a, systemUniqueKeys: keys(1) }).expect(422)).body.error.message).toMatch(/draft, not published/);
    const tier = (await h.http.post('/v1/tiers').set({ Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id }).send({ name: `Gold ${randomUUID().slice(0, 6)}`, active: true, minRequiredPoints: 1_000_000, tierOrder: 7 }).expect(201)).body.tier;
    const gold = await api.book({ tiers: [tier.id] }, 2);
    expect((await api.assign(gold.id, { memberId: a, systemUniqueKeys: keys(1) }).expect(422)).body.error.message).toMatch(/tier/);
    await h.http.put(`/v1/customers/${a}/tier`).set(scheme.headers).send({ loyaltyTierId: tier.id }).expect(200);
    await api.assign(gold.id, { memberId: a, systemUniqueKeys: keys(1) }).expect(201);
    const rich = await api.book({ condition: { '>=': [{ var: 'balance' }, 500] } }, 2);
    expect((await api.assign(rich.id, { memberId: a, systemUniqueKeys: keys(1) }).expect(422)).body.error.message).toMatch(/condition/);
    await h.http.post('/v1/coupon-books').set(scheme.headers).send({ name: 'x', discountType: 'amount_off', discountAmount: 1, publishingStatus: 'published', condition: { nope: [] } }).expect(400);
    const b = await member();
    await h.http.put(`/v1/customers/${b}`).set(scheme.headers).send({ status: 'BLOCKED' }).expect(200);
    const open = await api.book({}, 1);
    await api.assign(open.id, { memberId: b, systemUniqueKeys: keys(1) }).expect(422);
    expect((await api.codes(open.id))[0]?.memberId).toBeNull();
  });
});

describe('use and revert', () => {
  it('uses a code once by its key; a used code cannot be used again; a revert gives it back once', async () => {
    const book = await api.book({}, 1);
    const a = await member();
    const [assigned] = (await api.assign(book.id, { memberId: a, systemUniqueKeys: keys(1) }).expect(201)).body.couponUsages as [Usage];
    const key = `use-${randomUUID()}`;
    const answers = await storm(20, () => api.use(book.id, { memberId: a, systemUniqueKey: key, code: assigned.code, pendingCaptureLedgerTransactionId: 'sale-42' }).then((r) => r));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    const usage = answers[0]?.body.couponUsage as Usage & { ledgerTransactionId: string };
    expect(usage).toMatchObject({ kind: 'use', code: assigned.code, memberId: a, ledgerTransactionId: 'sale-42' });
    expect((await api.use(book.id, { memberId: a, systemUniqueKey: `use-${randomUUID()}`, code: assigned.code }).expect(422)).body.error.message).toMatch(/already used/);
    const other = await member();
    expect((await api.use(book.id, { memberId: other, systemUniqueKey: `use-${randomUUID()}`, code: assigned.code }).expect(422)).body.error.message).toMatch(/another member/);

    const reverted = await h.http.post(`/v1/coupon-usages/${usage.id}/revert`).set(scheme.headers).expect(200);
    expect(reverted.body.couponUsage.revertedAt).not.toBeNull();
    // Used again under a new key, then the old use reverted again: the new use stands.
    const again = (await api.use(book.id, { memberId: a, systemUniqueKey: `use-${randomUUID()}`, code: assigned.code }).expect(201)).body.couponUsage as Usage;
    expect((await h.http.post(`/v1/coupon-usages/${usage.id}/revert`).set(scheme.headers).expect(200)).body).toEqual(reverted.body);
    expect((await api.codes(book.id))[0]).toMatchObject({ usedBy: `book-use:${again.systemUniqueKey}` });
    await h.http.post(`/v1/coupon-usages/${assigned.id}/revert`).set(scheme.headers).expect(422);
    expect(await h.http.get(`/v1/customers/${a}/coupon-usage-counts`).set(scheme.headers).expect(200)).toMatchObject({ body: { amountAssigned: 1, amountUsed: 1 } });
    // Each hand-out and use is an event (journalled: nothing listens here), once per key.
    const events = async (eventType: string) => (await h.http.get(`/v1/customers/${a}/events`).query({ eventType }).set(scheme.headers).expect(200)).body.data as Array<{ payload: { code: string } }>;
    expect((await events('coupon-code-assigned')).map((e) => e.payload.code)).toEqual([assigned.code]);
    expect(await events('coupon-code-used')).toHaveLength(2);
  });

  it('shows the member their books, codes and counts; another scheme sees none of it', async () => {
    const book = await api.book({ tags: ['coffee'] }, 3);
    const a = await member();
    await api.assign(book.id, { memberId: a, systemUniqueKeys: keys(2) }).expect(201);
    const mine = (await h.http.get(`/v1/customers/${a}/coupons`).query({ couponBookId: book.id }).set(scheme.headers).expect(200)).body.data;
    expect(mine).toHaveLength(2);
    await api.use(book.id, { memberId: a, systemUniqueKey: `use-${randomUUID()}`, code: mine[0].code }).expect(201);
    expect((await h.http.get(`/v1/customers/${a}/coupons`).query({ notUsedOnly: 'true', couponBookId: book.id }).set(scheme.headers).expect(200)).body.data).toHaveLength(1);
    const books = (await h.http.get(`/v1/customers/${a}/coupon-books`).query({ limit: 200 }).set(scheme.headers).expect(200)).body.data as Array<{ id: string; held: number; used: number; outOfStock: boolean }>;
    expect(books.find((b) => b.id === book.id)).toMatchObject({ held: 2, used: 1, outOfStock: false });
    expect((await h.http.get('/v1/coupon-books').query({ tags: 'coffee', limit: 200 }).set(scheme.headers).expect(200)).body.data.map((b: { id: string }) => b.id)).toContain(book.id);

    const stranger = await createTestScheme(h);
    await h.http.get(`/v1/coupon-books/${book.id}`).set(stranger.headers).expect(404);
    await h.http.post(`/v1/coupon-books/${book.id}/assign`).set(stranger.headers).send({ memberId: a, systemUniqueKeys: keys(1) }).expect(404);
    await h.http.get(`/v1/customers/${a}/coupons`).set(stranger.headers).expect(404);
  });
});

describe('at the till', () => {
  const sale = (customerId: string, coupons: string[], uniqueId = `sale-${randomUUID()}`) =>
    h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId, lineItems: [{ quantity: 1, unitPrice: 10 }], coupons });

  it("takes a member's book code through a sale's coupons, refuses it for another member or a closed book, and a full return gives it back", async () => {
    const book = await api.book({}, 2);
    const a = await member();
    const [mine] = (await api.assign(book.id, { memberId: a, systemUniqueKeys: keys(1) }).expect(201)).body.couponUsages as [Usage];
    const other = await member();
    expect((await sale(other, [mine.code]).expect(422)).body.error.message).toMatch(/another customer/);
    const free = (await api.codes(book.id)).find((c) => c.memberId === null)?.code as string;
    expect((await sale(other, [free]).expect(422)).body.error.message).toMatch(/not assigned to a member/);
    const uniqueId = `sale-${randomUUID()}`;
    await sale(a, [mine.code], uniqueId).expect(201);
    expect((await sale(a, [mine.code]).expect(422)).body.error.message).toMatch(/already used/);
    await h.http.post(`/v1/transactions/${uniqueId}/returns/full`).set(scheme.headers).send({}).expect(201);
    expect((await api.codes(book.id)).find((c) => c.code === mine.code)?.usedAt).toBeNull();

    const got = (await h.http.get(`/v1/coupon-books/${book.id}`).set(scheme.headers).expect(200)).body.couponBook;
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = got;
    await h.http.put(`/v1/coupon-books/${book.id}`).set(scheme.headers).send({ ...fields, publishingStatus: 'disabled' }).expect(200);
    expect((await sale(a, [mine.code]).expect(422)).body.error.message).toMatch(/coupon book that is disabled/);
    // Simple coupons keep working.
    const simple = (await h.http.post('/v1/coupons').set(scheme.headers).send({ type: 'amount_off', value: 100 }).expect(201)).body.code;
    await sale(a, [simple]).expect(201);
  });
});

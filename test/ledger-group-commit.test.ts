import { randomUUID } from 'node:crypto';
import { LedgerEngine } from '../db/ledger/ledger-engine';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm, type Orm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import type { LedgerOp, LedgerResult } from '../domain/ledger/operations';
import { ledgerWorld, request } from './fixtures/ledger';
import { testEnv } from './support/test-env';

/**
 * Group commit (db/ledger/group-commit.ts, ledger_apply_batch): requests that
 * queue while a statement is in flight go together, each still answered on
 * its own — a refusal, a replay and a bad request in the same batch as good
 * ones — and batches whose requests lock wallets in opposite orders never
 * deadlock.
 */
let orm: Orm;
beforeAll(async () => {
  orm = await openOrm({ databaseUrl: testEnv().databaseUrl, hotMax: 8 });
});
afterAll(() => orm.close());

const settle = (ps: Array<Promise<LedgerResult>>) => Promise.allSettled(ps);
const typeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? 'ok' : ((r.reason as { type?: string }).type ?? (r.reason as Error).message));

/** How many transactions wrote a scheme's transfers: each row's xmin is the transaction that inserted it. */
async function transactionsThatWrote(schemeId: string): Promise<number> {
  const [row] = await orm.em.fork().getConnection().execute<Array<{ n: number }>>('select count(distinct xmin::text)::int as n from transfers where scheme_id = ?', [schemeId]);
  return row?.n ?? NaN;
}

it('answers each request of a batch on its own: applied, refused, replayed, reused key, malformed', async () => {
  // One statement in flight: everything sent while it runs waits and goes as one batch.
  const engine = new LedgerEngine(orm, { groupCommit: { inFlight: 1, maxBatch: 64 } });
  const w = await ledgerWorld(createRepositories(orm), engine, 2);
  const [a, b] = w.wallets as [string, string];
  const mint = (walletId: string, amount: bigint): LedgerOp => ({ type: 'mint', accountId: w.accountId, walletId, amount });
  const first = request(w.schemeId, [mint(a, 10n)]);
  await engine.apply(first);

  const replay = engine.apply(first);
  const reused = engine.apply({ ...first, requestHash: 'another body' });
  const refused = engine.apply(request(w.schemeId, [{ type: 'burn', accountId: w.accountId, walletId: b, amount: 5n }]));
  const minted = Array.from({ length: 20 }, () => engine.apply(request(w.schemeId, [mint(b, 1n)])));
  const results = await settle([replay, reused, refused, ...minted]);

  expect(results.map(typeOf)).toEqual(['ok', 'idempotency_key_reused', 'business_rule_violated', ...minted.map(() => 'ok')]);
  expect((results[0] as PromiseFulfilledResult<LedgerResult>).value.replayed).toBe(true);
  expect((await engine.wallet(w.schemeId, b))?.creditsPosted).toBe(20n);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  expect(engine.batchFailures).toBe(0);

  // A request the batch statement cannot even read (a wallet id that is no uuid) fails the statement; each
  // request is then sent alone: the bad one gets its own error, the others are applied once.
  const lead = engine.apply(request(w.schemeId, [mint(a, 1n)])); // goes alone; the rest queue behind it
  const bad = engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: 'not-a-uuid', amount: 1n }]));
  const good = Array.from({ length: 5 }, () => engine.apply(request(w.schemeId, [mint(a, 1n)])));
  const [, badResult, ...goodResults] = await settle([lead, bad, ...good]);
  expect(badResult?.status).toBe('rejected');
  expect(goodResults.map(typeOf)).toEqual(good.map(() => 'ok'));
  expect((await engine.wallet(w.schemeId, a))?.creditsPosted).toBe(16n);
  expect(engine.batchFailures).toBe(1);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('takes many requests in one commit when they queue', async () => {
  const engine = new LedgerEngine(orm, { groupCommit: { inFlight: 1, maxBatch: 64 } });
  const w = await ledgerWorld(createRepositories(orm), engine, 1);
  await Promise.all(Array.from({ length: 60 }, () => engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[0] as string, amount: 1n }]))));
  const commits = await transactionsThatWrote(w.schemeId);
  // 60 requests, one statement at a time: the first goes alone, the other 59 queue behind it (at most a
  // handful of statements); without group commit they would be 60 commits.
  expect(commits).toBeLessThan(10);
  expect((await engine.wallet(w.schemeId, w.wallets[0] as string))?.creditsPosted).toBe(60n);
  expect(engine.batchFailures).toBe(0);
});

it('never deadlocks when batches take the same wallets in opposite orders', async () => {
  const engines = [0, 1, 2].map(() => new LedgerEngine(orm, { groupCommit: { inFlight: 2, maxBatch: 8 } }));
  const w = await ledgerWorld(createRepositories(orm), engines[0] as LedgerEngine, 6);
  for (const walletId of w.wallets) await engines[0]?.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId, amount: 1_000n }]));
  const transfer = (from: string, to: string): LedgerOp => ({ type: 'transfer', accountId: w.accountId, fromWalletId: from, toWalletId: to, amount: 1n });
  const sends: Array<Promise<LedgerResult>> = [];
  for (let i = 0; i < 300; i++) {
    const k = i % w.wallets.length;
    const [x, y] = [w.wallets[k] as string, w.wallets[(k + 1 + (i % 5)) % w.wallets.length] as string];
    // Each engine queues its own batches; across them the same pairs go in both directions.
    sends.push((engines[i % 3] as LedgerEngine).apply(request(w.schemeId, i % 2 ? [transfer(x, y)] : [transfer(y, x)])));
  }
  const results = await settle(sends);
  expect(results.map(typeOf).filter((t) => t !== 'ok')).toEqual([]);
  expect(engines.map((e) => e.batchFailures)).toEqual([0, 0, 0]);
  const totals = await Promise.all(w.wallets.map((id) => engines[0]?.wallet(w.schemeId, id)));
  expect(totals.reduce((sum, t) => sum + (t?.creditsPosted ?? 0n) - (t?.debitsPosted ?? 0n), 0n)).toBe(6_000n);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('keeps two identical requests in one batch to one transfer', async () => {
  const engine = new LedgerEngine(orm, { groupCommit: { inFlight: 1, maxBatch: 64 } });
  const w = await ledgerWorld(createRepositories(orm), engine, 1);
  const key = randomUUID();
  await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[0] as string, amount: 1n }]));
  const same = () => engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[0] as string, amount: 7n }], key));
  const results = await Promise.all(Array.from({ length: 10 }, same));
  expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  expect(new Set(results.map((r) => r.transfers[0]?.id)).size).toBe(1);
  expect((await engine.wallet(w.schemeId, w.wallets[0] as string))?.creditsPosted).toBe(8n);
});

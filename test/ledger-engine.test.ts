import { randomUUID } from 'node:crypto';
import { LedgerEngine } from '../db/ledger/ledger-engine';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm, type Orm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import { available } from '../domain/ledger/wallet';
import type { Repositories } from '../domain/ports';
import { ledgerWorld, request } from './fixtures/ledger';
import { testEnv } from './support/test-env';

let orm: Orm;
let repos: Repositories;
let engine: LedgerEngine;

beforeAll(async () => {
  orm = await openOrm({ databaseUrl: testEnv().databaseUrl, poolMax: 30 });
  repos = createRepositories(orm);
  engine = new LedgerEngine(orm);
});
afterAll(() => orm.close());

const balance = async (schemeId: string, walletId: string) => {
  const w = await engine.wallet(schemeId, walletId);
  if (!w) throw new Error('no wallet');
  return { available: available(w), debitsPending: w.debitsPending, creditsPosted: w.creditsPosted, debitsPosted: w.debitsPosted };
};

it('provisions a default ledger, points account and system wallets with every scheme', async () => {
  const w = await ledgerWorld(repos, engine, 0);
  const rows = await orm.em.fork().getConnection().execute('select kind from wallets where account_id = ? order by kind', [w.accountId]);
  expect((rows as Array<{ kind: string }>).map((r) => r.kind)).toEqual(['expiry', 'issuance', 'redemption']);
});

it('creates one customer wallet per account however many times it is asked for', async () => {
  const w = await ledgerWorld(repos, engine, 1);
  const [row] = await orm.em.fork().getConnection().execute('select customer_id from wallets where id = ?', [w.wallets[0]]);
  const customerId = (row as { customer_id: string }).customer_id;
  const again = await Promise.all(Array.from({ length: 10 }, () => engine.customerWallet(w.schemeId, w.accountId, customerId)));
  expect(new Set(again.map((x) => x.id))).toEqual(new Set([w.wallets[0]]));
});

describe('mint, burn and the balance rule', () => {
  it('moves points and keeps the books balanced', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 150n }]));
    await engine.apply(request(w.schemeId, [{ type: 'burn', accountId: w.accountId, walletId: wallet, amount: 40n }]));
    expect(await balance(w.schemeId, wallet)).toMatchObject({ available: 110n, creditsPosted: 150n, debitsPosted: 40n });
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });

  it('refuses a burn beyond the available balance, and changes nothing', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 10n }]));
    await expect(engine.apply(request(w.schemeId, [{ type: 'burn', accountId: w.accountId, walletId: wallet, amount: 11n }]))).rejects.toMatchObject({
      type: 'business_rule_violated',
      message: 'Insufficient points: 10 available, 11 requested',
    });
    expect((await balance(w.schemeId, wallet)).available).toBe(10n);
  });

  it('applies a batch all or nothing', async () => {
    const w = await ledgerWorld(repos, engine, 2);
    const [a, b] = w.wallets as [string, string];
    const failing = request(w.schemeId, [
      { type: 'mint', accountId: w.accountId, walletId: a, amount: 50n },
      { type: 'transfer', accountId: w.accountId, fromWalletId: a, toWalletId: b, amount: 60n },
    ]);
    await expect(engine.apply(failing)).rejects.toMatchObject({ type: 'business_rule_violated' });
    expect((await balance(w.schemeId, a)).available).toBe(0n);
    const ok = await engine.apply(request(w.schemeId, [
      { type: 'mint', accountId: w.accountId, walletId: a, amount: 50n },
      { type: 'transfer', accountId: w.accountId, fromWalletId: a, toWalletId: b, amount: 30n },
    ]));
    expect(ok.transfers).toHaveLength(2);
    expect(ok.transfers[0]?.atomicSetId).toBe(ok.transfers[1]?.atomicSetId);
    expect((await balance(w.schemeId, b)).available).toBe(30n);
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });

  it('caps minting at the account max supply', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    await orm.em.fork().getConnection().execute('update ledger_accounts set max_supply = 100 where id = ?', [w.accountId]);
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[0] as string, amount: 100n }]));
    await expect(
      engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[0] as string, amount: 1n }])),
    ).rejects.toMatchObject({ type: 'business_rule_violated' });
  });

  it("cannot touch another scheme's wallet", async () => {
    const mine = await ledgerWorld(repos, engine, 1);
    const theirs = await ledgerWorld(repos, engine, 1);
    await expect(
      engine.apply(request(mine.schemeId, [{ type: 'mint', accountId: mine.accountId, walletId: theirs.wallets[0] as string, amount: 1n }])),
    ).rejects.toMatchObject({ type: 'not_found' });
    await expect(
      engine.apply(request(mine.schemeId, [{ type: 'mint', accountId: theirs.accountId, walletId: theirs.wallets[0] as string, amount: 1n }])),
    ).rejects.toMatchObject({ type: 'not_found' });
  });
});

describe('holds: capture, void, expire', () => {
  it('captures part of a hold and releases the rest', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 100n }]));
    const hold = await engine.apply(request(w.schemeId, [{ type: 'burn', accountId: w.accountId, walletId: wallet, amount: 60n, pending: true }]));
    expect(await balance(w.schemeId, wallet)).toMatchObject({ available: 40n, debitsPending: 60n });
    const pendingId = hold.transfers[0]?.id as string;
    await engine.apply(request(w.schemeId, [{ type: 'capture', accountId: w.accountId, pendingTransferId: pendingId, amount: 25n }]));
    expect(await balance(w.schemeId, wallet)).toMatchObject({ available: 75n, debitsPending: 0n, debitsPosted: 25n });
    await expect(
      engine.apply(request(w.schemeId, [{ type: 'void', accountId: w.accountId, pendingTransferId: pendingId }])),
    ).rejects.toMatchObject({ type: 'conflict' });
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });

  it('resolves a hold exactly once when captures and voids race', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 100n }]));
    const hold = await engine.apply(request(w.schemeId, [{ type: 'burn', accountId: w.accountId, walletId: wallet, amount: 30n, pending: true }]));
    const pendingId = hold.transfers[0]?.id as string;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        engine.apply(request(w.schemeId, [{ type: i % 2 ? 'void' : 'capture', accountId: w.accountId, pendingTransferId: pendingId }])),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) expect(r.reason).toMatchObject({ type: 'conflict' });
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });

  it('refuses to capture a hold past its timeout, but lets it expire', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 10n }]));
    const past = new Date(Date.now() - 1000).toISOString();
    const hold = await engine.apply(request(w.schemeId, [{ type: 'burn', accountId: w.accountId, walletId: wallet, amount: 10n, pending: true, timeoutAt: past }]));
    const pendingId = hold.transfers[0]?.id as string;
    await expect(engine.apply(request(w.schemeId, [{ type: 'capture', accountId: w.accountId, pendingTransferId: pendingId }]))).rejects.toMatchObject({
      type: 'business_rule_violated',
    });
    const expired = await engine.apply(request(w.schemeId, [{ type: 'expire', accountId: w.accountId, pendingTransferId: pendingId }]));
    expect(expired.transfers[0]?.status).toBe('expired');
    expect((await balance(w.schemeId, wallet)).available).toBe(10n);
  });
});

describe('reversals', () => {
  it('reverts once, partially if asked', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    const mint = await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 100n }]));
    const id = mint.transfers[0]?.id as string;
    await expect(engine.apply(request(w.schemeId, [{ type: 'revert', accountId: w.accountId, transferId: id, amount: 101n }]))).rejects.toMatchObject({
      type: 'business_rule_violated',
    });
    const rev = await engine.apply(request(w.schemeId, [{ type: 'revert', accountId: w.accountId, transferId: id, amount: 40n }]));
    expect(rev.transfers[0]).toMatchObject({ reversalOf: id, amount: 40n, debitWalletId: wallet });
    await expect(engine.apply(request(w.schemeId, [{ type: 'revert', accountId: w.accountId, transferId: id }]))).rejects.toMatchObject({ type: 'conflict' });
    expect((await balance(w.schemeId, wallet)).available).toBe(60n);
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });
});

describe('under concurrency', () => {
  it('200 concurrent burns of 10 against 1,000 points: exactly 100 succeed, balance 0', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 1000n }]));
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => engine.apply(request(w.schemeId, [{ type: 'burn', accountId: w.accountId, walletId: wallet, amount: 10n }]))),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.length - failed.length).toBe(100);
    for (const f of failed) expect(f.reason).toMatchObject({ type: 'business_rule_violated', message: expect.stringMatching(/^Insufficient points: 0 available/) });
    expect((await balance(w.schemeId, wallet)).available).toBe(0n);
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });

  it('the same request sent 50 times at once posts one transfer', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    const req = request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 7n }], `storm-${randomUUID()}`);
    const results = await Promise.all(Array.from({ length: 50 }, () => engine.apply(req)));
    expect(new Set(results.map((r) => r.transfers[0]?.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await balance(w.schemeId, wallet)).available).toBe(7n);
    const other = request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 8n }], req.systemUniqueKey);
    await expect(engine.apply(other)).rejects.toMatchObject({ type: 'idempotency_key_reused' });
  });

  it('no hot row: 40 concurrent mints to 40 customers add to slices of the issuance wallet, never to its row', async () => {
    const w = await ledgerWorld(repos, engine, 40);
    const conn = orm.em.fork().getConnection();
    const [issuance] = (await conn.execute("select id, debits_posted::text from wallets where account_id = ? and kind = 'issuance'", [w.accountId])) as Array<{ id: string; debits_posted: string }>;
    const before = (await engine.wallet(w.schemeId, issuance?.id as string))?.debitsPosted ?? 0n;
    await Promise.all(w.wallets.map((wallet) => engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 3n }]))));
    const [row] = (await conn.execute('select debits_posted::text from wallets where id = ?', [issuance?.id])) as Array<{ debits_posted: string }>;
    expect(row?.debits_posted).toBe(issuance?.debits_posted);
    const slices = (await conn.execute('select slot from wallet_counters where wallet_id = ?', [issuance?.id])) as unknown[];
    expect(slices.length).toBeGreaterThan(1);
    expect((await engine.wallet(w.schemeId, issuance?.id as string))?.debitsPosted).toBe(before + 120n);
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });

  it('a capped account stays exact under concurrency: 30 mints of 10 racing for 100 of supply, exactly 10 succeed', async () => {
    const w = await ledgerWorld(repos, engine, 3);
    await orm.em.fork().getConnection().execute('update ledger_accounts set max_supply = 100 where id = ?', [w.accountId]);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[i % 3] as string, amount: 10n }]))),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.length - failed.length).toBe(10);
    for (const f of failed) expect(f.reason).toMatchObject({ type: 'business_rule_violated' });
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });

  it('a key whose first attempt failed is not consumed: the retry is judged afresh', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    const burn = request(w.schemeId, [{ type: 'burn', accountId: w.accountId, walletId: wallet, amount: 5n }]);
    await expect(engine.apply(burn)).rejects.toMatchObject({ type: 'business_rule_violated' });
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 5n }]));
    expect((await engine.apply(burn)).replayed).toBe(false);
    expect((await balance(w.schemeId, wallet)).available).toBe(0n);
  });
});

describe('the invariant checker', () => {
  it('catches books that no longer balance', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    const wallet = w.wallets[0] as string;
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: wallet, amount: 5n }]));
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
    // A write that bypasses the engine: exactly what the checker exists to find.
    await orm.em.fork().getConnection().execute('update wallets set credits_posted = credits_posted + 1 where id = ?', [wallet]);
    const found = (await verifyLedger(orm, w.schemeId)).map((v) => v.invariant).sort();
    expect(found).toEqual(['account balances sum to zero', 'wallet totals equal the sums of their transfers']);
    await orm.em.fork().getConnection().execute('update wallets set credits_posted = credits_posted - 1 where id = ?', [wallet]);
  });

  it('counts the slices of a system wallet: a slice changed outside the engine is caught', async () => {
    const w = await ledgerWorld(repos, engine, 1);
    await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[0] as string, amount: 5n }]));
    const conn = orm.em.fork().getConnection();
    const touch = (d: number) =>
      conn.execute("update wallet_counters set debits_posted = debits_posted + ? where wallet_id = (select id from wallets where account_id = ? and kind = 'issuance')", [d, w.accountId]);
    await touch(1);
    const found = (await verifyLedger(orm, w.schemeId)).map((v) => v.invariant).sort();
    expect(found).toEqual(['account balances sum to zero', 'wallet totals equal the sums of their transfers']);
    await touch(-1);
    expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  });
});

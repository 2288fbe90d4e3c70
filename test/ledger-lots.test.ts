import pg from 'pg';
import { LedgerEngine } from '../db/ledger/ledger-engine';
import { PgLotStore } from '../db/ledger/lot-store';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm, type Orm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import { lotExpiry } from '../domain/ledger/lot-expiry';
import type { LedgerOp } from '../domain/ledger/operations';
import { ledgerWorld, request } from './fixtures/ledger';
import { prng } from './support/prng';
import { testEnv } from './support/test-env';

/**
 * Expiry lots as the ledger keeps them (db/ledger/sql/lots.sql.ts): formed by
 * credits, spent first-to-expire first, given back where they came from, and
 * swept exactly once. The wall clock cannot be moved, so a test that needs
 * lots of different dates sets their dates by hand, and a sweep is run "as
 * of" a later cutoff.
 */
let orm: Orm;
let engine: LedgerEngine;
let lots: PgLotStore;
beforeAll(async () => {
  orm = await openOrm({ databaseUrl: testEnv().databaseUrl, hotMax: 8 });
  engine = new LedgerEngine(orm);
  lots = new PgLotStore(orm);
});
afterAll(() => orm.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(text, params, 'all') as Promise<T[]>;

async function expiringWorld(customers: number, timeZone = 'Europe/Malta', months = 12) {
  const repos = createRepositories(orm);
  const w = await ledgerWorld(repos, engine, customers, timeZone);
  await repos.ledgers.updateAccount(w.schemeId, w.ledgerId, w.accountId, { name: 'Points', active: true, expiresInMonths: months });
  const [expiry] = await sql<{ id: string }>(`select id from wallets where account_id = ? and owner_key = 'system:expiry'`, [w.accountId]);
  return { ...w, expiryWallet: expiry!.id, repos };
}

type World = Awaited<ReturnType<typeof expiringWorld>>;
const mint = (w: World, walletId: string, amount: bigint, extra: Partial<LedgerOp> = {}): LedgerOp => ({ type: 'mint', accountId: w.accountId, walletId, amount, ...extra }) as LedgerOp;
const burn = (w: World, walletId: string, amount: bigint, extra: Partial<LedgerOp> = {}): LedgerOp => ({ type: 'burn', accountId: w.accountId, walletId, amount, ...extra }) as LedgerOp;
const apply = (w: World, ops: LedgerOp[]) => engine.apply(request(w.schemeId, ops));
const lotsOf = (walletId: string) =>
  sql<{ id: string; amount: string; remaining: string; expired: string; expires_at: Date }>(
    'select id, amount::text, remaining::text, expired::text, expires_at from point_lots where wallet_id = ? order by expires_at, earned_at, id',
    [walletId],
  );
const remaining = async (walletId: string) => (await lotsOf(walletId)).map((l) => l.remaining);

/** Spreads a wallet's lots over consecutive months (oldest first), as if earned then. */
async function spreadMonths(walletId: string, firstMonth = '2025-01-01T00:00:00Z') {
  const rows = await lotsOf(walletId);
  for (const [i, l] of rows.entries()) {
    await sql(`update point_lots set earned_at = ?::timestamptz + make_interval(months => ?), expires_at = ?::timestamptz + make_interval(months => ? + 13) where id = ?`, [firstMonth, i, firstMonth, i, l.id]);
  }
}

it('computes the same expiry date in SQL as in the domain, across zones, month ends and DST', async () => {
  const zones = ['UTC', 'Europe/Malta', 'America/New_York', 'Australia/Sydney', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Havana'];
  const g = prng(19);
  const rnd = () => g.next();
  const cases = Array.from({ length: 600 }, () => ({
    at: new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 5 * 365 * 86_400_000)),
    tz: zones[Math.floor(rnd() * zones.length)] as string,
    months: 1 + Math.floor(rnd() * 36),
  }));
  const rows = await sql<{ e: string | Date }>(
    `select ledger_lot_expiry((c.v->>'at')::timestamptz, (c.v->>'months')::int, c.v->>'tz') as e from jsonb_array_elements(?::jsonb) with ordinality as c(v, n) order by c.n`,
    [JSON.stringify(cases)],
  );
  expect(rows.map((r) => new Date(r.e).toISOString())).toEqual(cases.map((c) => lotExpiry(c.at, c.months, c.tz)?.toISOString()));
});

it('forms a lot per credit and spends the first to expire first, across many lots', async () => {
  const w = await expiringWorld(1);
  const wallet = w.wallets[0] as string;
  for (const amount of [100n, 50n, 70n, 30n, 20n]) await apply(w, [mint(w, wallet, amount)]);
  await spreadMonths(wallet);
  await apply(w, [burn(w, wallet, 120n)]);
  expect(await remaining(wallet)).toEqual(['0', '30', '70', '30', '20']);
  await apply(w, [burn(w, wallet, 31n)]);
  expect(await remaining(wallet)).toEqual(['0', '0', '69', '30', '20']);
  // A new lot expires last, whatever its size.
  await apply(w, [mint(w, wallet, 5n)]);
  expect((await remaining(wallet)).at(-1)).toBe('5');
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('reserves a hold from the lots and gives back what a void or a partial capture releases', async () => {
  const w = await expiringWorld(1);
  const wallet = w.wallets[0] as string;
  await apply(w, [mint(w, wallet, 40n)]);
  await apply(w, [mint(w, wallet, 60n)]);
  await spreadMonths(wallet);
  const held = await apply(w, [burn(w, wallet, 50n, { pending: true })]);
  expect(await remaining(wallet)).toEqual(['0', '50']);
  await apply(w, [{ type: 'void', accountId: w.accountId, pendingTransferId: held.transfers[0]!.id }]);
  expect(await remaining(wallet)).toEqual(['40', '60']);
  const again = await apply(w, [burn(w, wallet, 50n, { pending: true })]);
  await apply(w, [{ type: 'capture', accountId: w.accountId, pendingTransferId: again.transfers[0]!.id, amount: 45n }]);
  // 45 spent: 40 from the oldest, 5 from the next; the 5 released went back to the lot it was taken from.
  expect(await remaining(wallet)).toEqual(['0', '55']);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('turns pending points into a lot when they activate, not before', async () => {
  const w = await expiringWorld(1);
  const wallet = w.wallets[0] as string;
  const pending = await apply(w, [mint(w, wallet, 80n, { pending: true })]);
  expect(await lotsOf(wallet)).toEqual([]);
  await apply(w, [{ type: 'capture', accountId: w.accountId, pendingTransferId: pending.transfers[0]!.id }]);
  expect(await remaining(wallet)).toEqual(['80']);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it("takes a returned sale's points from that sale's lot and gives redeemed points back to theirs", async () => {
  const w = await expiringWorld(1);
  const wallet = w.wallets[0] as string;
  const [issuance] = await sql<{ id: string }>(`select id from wallets where account_id = ? and owner_key = 'system:issuance'`, [w.accountId]);
  const [redemption] = await sql<{ id: string }>(`select id from wallets where account_id = ? and owner_key = 'system:redemption'`, [w.accountId]);
  await apply(w, [mint(w, wallet, 100n, { externalId: 'sale-1' })]);
  await apply(w, [mint(w, wallet, 100n, { externalId: 'sale-2' })]);
  await spreadMonths(wallet);
  await apply(w, [burn(w, wallet, 30n, { externalId: 'sale-3' })]); // redeemed from sale-1's lot (the oldest)
  expect(await remaining(wallet)).toEqual(['70', '100']);
  // Return sale-2 (its 100 earned points): they come out of sale-2's lot, not the oldest.
  const meta = (sale: string) => ({ metadata: { saleUniqueId: sale } });
  await apply(w, [{ type: 'transfer', accountId: w.accountId, fromWalletId: wallet, toWalletId: issuance!.id, amount: 100n, ...meta('sale-2') } as LedgerOp]);
  expect(await remaining(wallet)).toEqual(['70', '0']);
  // Return sale-3 (its 30 redeemed points come back): to the lot they were taken from.
  await apply(w, [{ type: 'transfer', accountId: w.accountId, fromWalletId: redemption!.id, toWalletId: wallet, amount: 30n, ...meta('sale-3') } as LedgerOp]);
  expect(await remaining(wallet)).toEqual(['100', '0']);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('expires each due lot once, to the breakage wallet, with an event — however often or concurrently it is swept', async () => {
  const w = await expiringWorld(3);
  const [a, b, c] = w.wallets as [string, string, string];
  for (const wallet of [a, b, c]) {
    await apply(w, [mint(w, wallet, 100n)]);
    await apply(w, [mint(w, wallet, 10n)]);
    await spreadMonths(wallet); // lots due 2026-02-01 and 2026-03-01
  }
  await apply(w, [burn(w, c, 105n)]);
  const cutoff = new Date('2026-02-15T00:00:00Z');
  const sweeps = await Promise.all([lots.expireDue(w.schemeId, cutoff, 1), lots.expireDue(w.schemeId, cutoff, 10), lots.expireDue(w.schemeId, cutoff, 2)]);
  const again = await lots.expireDue(w.schemeId, cutoff, 10);
  expect(sweeps.reduce((n, s) => n + BigInt(s.points), 0n)).toBe(200n); // a and b's first lots; c's was spent
  expect(again).toEqual({ wallets: 0, lots: 0, points: '0' });
  expect(await remaining(a)).toEqual(['0', '10']);
  expect((await engine.wallet(w.schemeId, w.expiryWallet))?.creditsPosted).toBe(200n);
  const events = await sql<{ type: string; n: number }>('select type, count(*)::int as n from hub_events where scheme_id = ? group by type', [w.schemeId]);
  expect(events).toEqual([{ type: 'points-expired', n: 2 }]);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);

});

it('expires points given back to a lot after its date at the next sweep, under a new key', async () => {
  const w = await expiringWorld(1);
  const wallet = w.wallets[0] as string;
  const [redemption] = await sql<{ id: string }>(`select id from wallets where account_id = ? and owner_key = 'system:redemption'`, [w.accountId]);
  await apply(w, [mint(w, wallet, 100n)]);
  await spreadMonths(wallet);
  await apply(w, [burn(w, wallet, 30n, { externalId: 'sale-x' })]);
  const cutoff = new Date('2026-02-15T00:00:00Z');
  expect(await lots.expireDue(w.schemeId, cutoff, 10)).toEqual({ wallets: 1, lots: 1, points: '70' });
  // Sale x is returned: its 30 redeemed points go back to the lot they came from, which is past its date.
  await apply(w, [{ type: 'transfer', accountId: w.accountId, fromWalletId: redemption!.id, toWalletId: wallet, amount: 30n, metadata: { saleUniqueId: 'sale-x' } } as LedgerOp]);
  expect(await remaining(wallet)).toEqual(['30']);
  expect(await lots.expireDue(w.schemeId, cutoff, 10)).toEqual({ wallets: 1, lots: 1, points: '30' });
  const keys = await sql<{ k: string }>(`select system_unique_key as k from transfers where scheme_id = ? and code = 'expiry' order by created_at`, [w.schemeId]);
  expect(keys.map((r) => r.k.replace(/[0-9a-f-]{36}/, 'LOT'))).toEqual(['expiry/LOT/0', 'expiry/LOT/1']);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('survives a sweep killed half-way: the rerun expires the rest, nothing twice', async () => {
  const w = await expiringWorld(300);
  await Promise.all(w.wallets.map((wallet) => apply(w, [mint(w, wallet, 7n)])));
  await sql(`update point_lots set expires_at = '2026-01-01T00:00:00Z' where scheme_id = ?`, [w.schemeId]);
  const cutoff = new Date('2026-01-02T00:00:00Z');
  // One sweep over all 300 wallets in one transaction, on its own connection, its backend killed while it runs.
  const victim = new pg.Client({ connectionString: testEnv().databaseUrl });
  await victim.connect();
  victim.on('error', () => undefined);
  const killed = victim.query('select ledger_expire_due($1, $2, 300)', [w.schemeId, cutoff]).then(() => 'finished', (e: Error) => e.message);
  for (let i = 0; i < 200; i++) {
    const [row] = await sql<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where state = 'active' and query like 'select ledger_expire_due%' and pid <> pg_backend_pid()`);
    if ((row?.n ?? 0) > 0) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const outcome = await killed;
  await victim.end().catch(() => undefined);
  const [before] = await sql<{ n: number }>(`select count(*)::int as n from transfers where scheme_id = ? and code = 'expiry'`, [w.schemeId]);
  // Killed: nothing of it committed. (Had it finished first, the rerun below finds nothing.)
  if (outcome !== 'finished') expect(before!.n).toBe(0);
  let total = BigInt(before!.n) * 7n;
  for (;;) {
    const s = await lots.expireDue(w.schemeId, cutoff, 64);
    total += BigInt(s.points);
    if (s.wallets === 0) break;
  }
  expect(total).toBe(2100n);
  const [after] = await sql<{ n: number; keys: number }>(`select count(*)::int as n, count(distinct system_unique_key)::int as keys from transfers where scheme_id = ? and code = 'expiry'`, [w.schemeId]);
  expect(after).toEqual({ n: 300, keys: 300 });
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('keeps lots equal to the available balance through random postings and sweeps', async () => {
  const w = await expiringWorld(4);
  const g = prng(7);
  const rnd = () => g.next();
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const holds: string[] = [];
  const posted: string[] = [];
  for (let step = 0; step < 300; step++) {
    const wallet = pick(w.wallets);
    const amount = BigInt(1 + Math.floor(rnd() * 60));
    const r = rnd();
    let ops: LedgerOp[];
    if (r < 0.3) ops = [mint(w, wallet, amount, rnd() < 0.2 ? { pending: true } : {})];
    else if (r < 0.5) ops = [burn(w, wallet, amount, rnd() < 0.4 ? { pending: true } : {})];
    else if (r < 0.6) ops = [{ type: 'transfer', accountId: w.accountId, fromWalletId: wallet, toWalletId: pick(w.wallets), amount }];
    else if (r < 0.75 && holds.length > 0) {
      const id = holds.splice(Math.floor(rnd() * holds.length), 1)[0] as string;
      ops = [rnd() < 0.5 ? { type: 'void', accountId: w.accountId, pendingTransferId: id } : { type: 'capture', accountId: w.accountId, pendingTransferId: id, amount: 1n }];
    } else if (r < 0.85 && posted.length > 0) ops = [{ type: 'revert', accountId: w.accountId, transferId: posted.splice(Math.floor(rnd() * posted.length), 1)[0] as string }];
    else if (r < 0.9) {
      await sql(`update point_lots set expires_at = now() - interval '1 day' where id = (select id from point_lots where scheme_id = ? and remaining > 0 order by random() limit 1)`, [w.schemeId]);
      await lots.expireDue(w.schemeId, new Date(), 2);
      continue;
    } else ops = [mint(w, wallet, amount, { externalId: `s${step}` })];
    const result = await apply(w, ops).catch(() => null); // refusals (insufficient points, a transfer to itself) change nothing
    for (const t of result?.transfers ?? []) {
      if (t.status === 'pending') holds.push(t.id);
      if (t.status === 'posted' && !t.reversalOf) posted.push(t.id);
    }
  }
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('opens lots for the balances an account had before its points started to expire, and drops them when they stop', async () => {
  const repos = createRepositories(orm);
  const w = await ledgerWorld(repos, engine, 2, 'Europe/Malta');
  await engine.apply(request(w.schemeId, [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[0] as string, amount: 25n }]));
  await repos.ledgers.updateAccount(w.schemeId, w.ledgerId, w.accountId, { name: 'Points', active: true, expiresInMonths: 6 });
  expect(await remaining(w.wallets[0] as string)).toEqual(['25']);
  expect(await remaining(w.wallets[1] as string)).toEqual([]);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  await repos.ledgers.updateAccount(w.schemeId, w.ledgerId, w.accountId, { name: 'Points', active: true, expiresInMonths: 0 });
  expect(await lotsOf(w.wallets[0] as string)).toEqual([]);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('expires a lot again under a new key after a return un-expired it and a later return re-added points to it', async () => {
  const w = await expiringWorld(1);
  const wallet = w.wallets[0] as string;
  const [issuance] = await sql<{ id: string }>(`select id from wallets where account_id = ? and owner_key = 'system:issuance'`, [w.accountId]);
  const [redemption] = await sql<{ id: string }>(`select id from wallets where account_id = ? and owner_key = 'system:redemption'`, [w.accountId]);
  await apply(w, [mint(w, wallet, 100n, { externalId: 's1' })]);
  await spreadMonths(wallet);
  await apply(w, [burn(w, wallet, 40n, { externalId: 's2' })]); // s2 redeems 40 from s1's lot
  const cutoff = new Date('2026-02-15T00:00:00Z');
  expect(await lots.expireDue(w.schemeId, cutoff, 10)).toMatchObject({ lots: 1, points: '60' });
  // s1 returned: its expired 60 come back from breakage (un-expired) and leave with the deduction.
  const meta = (sale: string) => ({ metadata: { saleUniqueId: sale } });
  await apply(w, [
    { type: 'transfer', accountId: w.accountId, fromWalletId: w.expiryWallet, toWalletId: wallet, amount: 60n, ...meta('s1') } as LedgerOp,
    { type: 'transfer', accountId: w.accountId, fromWalletId: wallet, toWalletId: issuance!.id, amount: 60n, ...meta('s1') } as LedgerOp,
  ]);
  expect((await lotsOf(wallet)).map((l) => [l.remaining, l.expired])).toEqual([['0', '0']]);
  // s2 returned: its 40 go back to the lot, past its date; the next sweep expires them under a key never used before.
  await apply(w, [{ type: 'transfer', accountId: w.accountId, fromWalletId: redemption!.id, toWalletId: wallet, amount: 40n, ...meta('s2') } as LedgerOp]);
  expect(await lots.expireDue(w.schemeId, cutoff, 10)).toMatchObject({ lots: 1, points: '40' });
  const keys = await sql<{ k: string }>(`select system_unique_key as k from transfers where scheme_id = ? and code = 'expiry' order by created_at`, [w.schemeId]);
  expect(keys.map((r) => r.k.replace(/[0-9a-f-]{36}/, 'LOT'))).toEqual(['expiry/LOT/0', 'expiry/LOT/1']);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

it('un-expires a lot when its expiry is reverted, and leaves lots of an inactive account for later', async () => {
  const w = await expiringWorld(1);
  const wallet = w.wallets[0] as string;
  await apply(w, [mint(w, wallet, 30n)]);
  await spreadMonths(wallet);
  const cutoff = new Date('2026-02-15T00:00:00Z');
  await lots.expireDue(w.schemeId, cutoff, 10);
  const [expiry] = await sql<{ id: string }>(`select id from transfers where scheme_id = ? and code = 'expiry'`, [w.schemeId]);
  await apply(w, [{ type: 'revert', accountId: w.accountId, transferId: expiry!.id }]);
  expect((await lotsOf(wallet)).map((l) => [l.remaining, l.expired])).toEqual([['30', '0']]);
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
  // The account made inactive refuses postings: the sweep skips its lots instead of failing the scheme's run.
  await w.repos.ledgers.updateAccount(w.schemeId, w.ledgerId, w.accountId, { name: 'Points', active: false });
  expect(await lots.expireDue(w.schemeId, cutoff, 10)).toEqual({ wallets: 0, lots: 0, points: '0' });
  await w.repos.ledgers.updateAccount(w.schemeId, w.ledgerId, w.accountId, { name: 'Points', active: true });
  expect(await lots.expireDue(w.schemeId, cutoff, 10)).toMatchObject({ lots: 1, points: '30' });
  expect(await verifyLedger(orm, w.schemeId)).toEqual([]);
});

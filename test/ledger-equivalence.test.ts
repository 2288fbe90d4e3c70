import { LedgerEngine } from '../db/ledger/ledger-engine';
import { applyPlanned } from '../db/ledger/planned-apply';
import { verifyLedger } from '../db/ledger/verify';
import { hotPool, openOrm, type Orm } from '../db/orm';
import { inPgTransaction } from '../db/pg/hot-pool';
import { fromSqlAnswer, sqlRequest, type SqlAnswer } from '../db/ledger/sql-request';
import { createRepositories } from '../db/repositories';
import { MAX_AMOUNT } from '../domain/ledger/amount';
import type { LedgerOp, LedgerRequest, LedgerResult, Transfer } from '../domain/ledger/operations';
import { ledgerWorld, request } from './fixtures/ledger';
import { prng } from './support/prng';
import { testEnv } from './support/test-env';

/**
 * The one-round-trip engine (ledger_apply, PL/pgSQL) against the TypeScript
 * planner it replaced (db/ledger/planned-apply.ts), the reference: the same
 * seeded random requests go to three identical schemes — through the
 * reference one by one, through ledger_apply one by one, and in group-commit
 * batches of 1–6 (ledger_apply_batch, which carries totals from request to
 * request) — and every answer (transfers field for field, or the refusal's
 * type, message and details) and every wallet's totals must be identical.
 * LEDGER_SEED=<n> replays one sequence; LEDGER_STEPS sets its length.
 */
const SEEDS = process.env.LEDGER_SEED ? [Number(process.env.LEDGER_SEED)] : [11, 12, 13];
const STEPS = Number(process.env.LEDGER_STEPS ?? 250);
const NOWHERE = '00000000-0000-4000-8000-000000000000';

let orm: Orm;
let engine: LedgerEngine;
beforeAll(async () => {
  orm = await openOrm({ databaseUrl: testEnv().databaseUrl });
  engine = new LedgerEngine(orm);
});
afterAll(() => orm.close());

type World = Awaited<ReturnType<typeof ledgerWorld>> & { system: string[] };
type Outcome = { ok: Array<Record<string, unknown>>; replayed: boolean } | { refused: { type: string; message: string; details: unknown } };

async function outcome(run: () => Promise<LedgerResult>, ids: (id: string | null) => string | null): Promise<{ outcome: Outcome; transfers: Transfer[] }> {
  try {
    const r = await run();
    const ok = r.transfers.map((t) => ({
      ...t,
      id: undefined,
      createdAt: undefined,
      atomicSetId: t.atomicSetId ? 'set' : null,
      accountId: 'account',
      debitWalletId: ids(t.debitWalletId),
      creditWalletId: ids(t.creditWalletId),
      pendingId: ids(t.pendingId),
      reversalOf: ids(t.reversalOf),
      amount: t.amount.toString(),
    }));
    return { outcome: { ok, replayed: r.replayed }, transfers: r.transfers };
  } catch (err) {
    const e = err as { type?: string; message: string; details?: unknown };
    if (!e.type) throw err;
    return { outcome: { refused: { type: e.type, message: e.message.replaceAll(/[0-9a-f-]{36}/g, (id) => ids(id) ?? id), details: e.details } }, transfers: [] };
  }
}

async function totals(w: World): Promise<string[]> {
  return Promise.all(
    [...w.wallets, ...w.system].map(async (id) => {
      const wallet = await engine.wallet(w.schemeId, id);
      return `${wallet?.debitsPosted}/${wallet?.creditsPosted}/${wallet?.debitsPending}/${wallet?.creditsPending}`;
    }),
  );
}

async function world(maxSupply: number): Promise<World> {
  const w = await ledgerWorld(createRepositories(orm), engine, 4);
  const conn = orm.em.fork().getConnection();
  await conn.execute('update ledger_accounts set max_supply = ? where id = ?', [maxSupply, w.accountId]);
  const rows = await conn.execute<Array<{ id: string }>>(`select id from wallets where account_id = ? and customer_id is null order by kind`, [w.accountId]);
  return { ...w, system: rows.map((r) => r.id) };
}

it.each(SEEDS)('answers every request as the TypeScript planner does (seed %i)', async (seed) => {
  const rnd = prng(seed);
  const [a, b, c] = [await world(4_000), await world(4_000), await world(4_000)];
  // Ids of world a → world b or c (wallets by position, transfers as they are made); a's ids name things in the log.
  const twin = (t: World) => {
    const to = new Map<string, string>([...a.wallets.map((id, i) => [id, t.wallets[i] as string] as const), ...a.system.map((id, i) => [id, t.system[i] as string] as const), [a.accountId, t.accountId]]);
    const from = new Map([...to].map(([x, y]) => [y, x]));
    const back = (id: string | null) => (id === null ? null : (from.get(id) ?? id));
    const learn = (made: Transfer[], reference: Transfer[]) =>
      made.forEach((t, i) => {
        const ref = reference[i];
        if (!ref) return;
        to.set(ref.id, t.id);
        from.set(t.id, ref.id);
      });
    const translate = (req: LedgerRequest): LedgerRequest =>
      JSON.parse(JSON.stringify({ ...req, schemeId: t.schemeId }, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? (to.get(v) ?? v) : v)), (_k, v: unknown) =>
        typeof v === 'string' && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v,
      ) as LedgerRequest;
    return { back, learn, translate };
  };
  const [inB, inC] = [twin(b), twin(c)];
  const pendings: string[] = [];
  const posted: string[] = [];
  const sent: LedgerRequest[] = [];
  const past = new Date(Date.now() - 60_000).toISOString();
  const future = new Date(Date.now() + 3_600_000).toISOString();
  const seen = { ok: 0, refused: new Set<string>() };

  const amount = () => (rnd.next() < 0.04 ? rnd.pick([0n, MAX_AMOUNT + 1n]) : BigInt(rnd.int(1, 150)));
  const wallet = () => (rnd.next() < 0.03 ? NOWHERE : rnd.pick(a.wallets));
  const optional = () => (rnd.next() < 0.5 ? amount() : undefined);
  const randomOp = (): LedgerOp => {
    const accountId = rnd.next() < 0.02 ? NOWHERE : a.accountId;
    const tracking = rnd.next() < 0.3 ? { code: 'bonus', description: 'seeded', tags: ['t'], metadata: { n: rnd.int(1, 9) }, externalId: 'x-1', externalEventDate: past } : {};
    switch (rnd.int(0, 9)) {
      case 0:
      case 1:
        return { type: 'mint', accountId, walletId: wallet(), amount: amount(), pending: rnd.next() < 0.15, ...tracking };
      case 2:
        return { type: 'burn', accountId, walletId: wallet(), amount: amount(), allowOverdraft: rnd.next() < 0.1, ...tracking };
      case 3:
        return { type: 'transfer', accountId, fromWalletId: wallet(), toWalletId: wallet(), amount: amount(), allowOverdraft: rnd.next() < 0.2, ...tracking };
      case 4:
        return { type: 'burn', accountId, walletId: wallet(), amount: amount(), pending: true, timeoutAt: rnd.next() < 0.3 ? past : future };
      case 5:
        return { type: 'transfer', accountId, fromWalletId: wallet(), toWalletId: wallet(), amount: amount(), pending: true };
      case 6:
        return { type: 'capture', accountId, pendingTransferId: rnd.pick([...pendings, NOWHERE, ...posted.slice(-1)]), amount: optional() };
      case 7:
        return { type: rnd.pick(['void', 'expire'] as const), accountId, pendingTransferId: rnd.pick([...pendings, NOWHERE]) };
      default:
        return { type: 'revert', accountId, transferId: rnd.pick([...posted, NOWHERE]), amount: optional() };
    }
  };
  const nextRequest = (): LedgerRequest => {
    const r = rnd.next();
    // Now and then the same key again: with the same body (a replay) or another (refused).
    const again = sent.length > 0 && r < 0.1 ? rnd.pick(sent) : null;
    if (again) return rnd.next() < 0.5 ? again : { ...again, requestHash: 'another body' };
    const req = request(a.schemeId, rnd.next() < 0.2 ? [randomOp(), randomOp(), randomOp()] : r > 0.97 ? [] : [randomOp()]);
    sent.push(req);
    return req;
  };

  for (let step = 0; step < STEPS; ) {
    const chunk = Array.from({ length: rnd.int(1, 6) }, nextRequest);
    const references: Array<{ outcome: Outcome; transfers: Transfer[] }> = [];
    for (const req of chunk) {
      const planned = await outcome(() => inPgTransaction(hotPool(orm), (q) => applyPlanned(q, req)), (id) => id);
      const viaSql = await outcome(() => engine.apply(inB.translate(req)), inB.back);
      inB.learn(viaSql.transfers, planned.transfers);
      expect({ step, ...viaSql.outcome }).toEqual({ step, ...planned.outcome });
      expect(await totals(b)).toEqual(await totals(a));
      references.push(planned);
      step += 1;
      if ('ok' in planned.outcome) {
        seen.ok += 1;
        for (const t of planned.transfers) {
          if (t.status === 'pending') pendings.push(t.id);
          if (t.status === 'posted' || t.status === 'posted_from_pending') posted.push(t.id);
        }
      } else {
        seen.refused.add(planned.outcome.refused.message.replace(/\d+/g, 'n'));
      }
    }
    // The same requests as one group-commit batch in world c: each answered as the reference answered it alone.
    const { rows } = await hotPool(orm).query<{ answers: SqlAnswer[] }>('select ledger_apply_batch($1::jsonb) as answers', [`[${chunk.map((req) => sqlRequest(inC.translate(req))).join(',')}]`]);
    for (const [i, answer] of (rows[0]?.answers ?? []).entries()) {
      const batched = await outcome(async () => fromSqlAnswer(answer), inC.back);
      inC.learn(batched.transfers, references[i]?.transfers ?? []);
      expect({ step, batch: i, ...batched.outcome }).toEqual({ step, batch: i, ...references[i]?.outcome });
    }
    expect(await totals(c)).toEqual(await totals(a));
  }
  expect(await verifyLedger(orm, b.schemeId)).toEqual([]);
  expect(await verifyLedger(orm, c.schemeId)).toEqual([]);
  // The sequence reached both paths and many kinds of refusal.
  expect(seen.ok).toBeGreaterThan(STEPS / 4);
  expect(seen.refused.size).toBeGreaterThan(8);
});

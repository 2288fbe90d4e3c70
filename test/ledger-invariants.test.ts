import { LedgerEngine } from '../db/ledger/ledger-engine';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm, type Orm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import type { LedgerOp } from '../domain/ledger/operations';
import { ledgerWorld, request } from './fixtures/ledger';
import { prng } from './support/prng';
import { testEnv } from './support/test-env';

/**
 * Seeded random sequences of every ledger operation, including ones that must
 * fail, against the real database. After every step the invariants hold, and
 * a refused operation changed nothing. LEDGER_SEED=<n> replays one sequence.
 */
const SEEDS = process.env.LEDGER_SEED ? [Number(process.env.LEDGER_SEED)] : [1, 2, 3];
const STEPS = 120;

let orm: Orm;
let engine: LedgerEngine;
beforeAll(async () => {
  orm = await openOrm({ databaseUrl: testEnv().databaseUrl });
  engine = new LedgerEngine(orm);
});
afterAll(() => orm.close());

async function snapshot(schemeId: string): Promise<string> {
  const conn = orm.em.fork().getConnection();
  const wallets = await conn.execute(
    'select id, debits_posted, credits_posted, debits_pending, credits_pending from wallets where scheme_id = ? order by id',
    [schemeId],
  );
  const [count] = await conn.execute('select count(*)::int as n from transfers where scheme_id = ?', [schemeId]);
  return JSON.stringify({ wallets, count });
}

it.each(SEEDS)('keeps every invariant through a random sequence (seed %i)', async (seed) => {
  const rnd = prng(seed);
  const w = await ledgerWorld(createRepositories(orm), engine, 4);
  const pendings: string[] = [];
  const posted: string[] = [];
  const keys: string[] = [];
  let ok = 0;
  let refused = 0;

  const randomOp = (): LedgerOp => {
    const accountId = w.accountId;
    const wallet = () => rnd.pick(w.wallets);
    const amount = () => BigInt(rnd.int(1, 120));
    switch (rnd.int(0, 8)) {
      case 0:
      case 1:
        return { type: 'mint', accountId, walletId: wallet(), amount: amount() };
      case 2:
        return { type: 'burn', accountId, walletId: wallet(), amount: amount() };
      case 3: {
        const [from, to] = [wallet(), wallet()];
        return { type: 'transfer', accountId, fromWalletId: from, toWalletId: to, amount: amount() };
      }
      case 4:
        return { type: 'burn', accountId, walletId: wallet(), amount: amount(), pending: true };
      case 5:
        return { type: 'capture', accountId, pendingTransferId: rnd.pick(pendings.length ? pendings : ['00000000-0000-4000-8000-000000000000']), amount: rnd.next() < 0.5 ? amount() : undefined };
      case 6:
        return { type: rnd.next() < 0.5 ? 'void' : 'expire', accountId, pendingTransferId: rnd.pick(pendings.length ? pendings : ['00000000-0000-4000-8000-000000000000']) };
      case 7:
        return { type: 'revert', accountId, transferId: rnd.pick(posted.length ? posted : ['00000000-0000-4000-8000-000000000000']), amount: rnd.next() < 0.5 ? amount() : undefined };
      default:
        return { type: 'transfer', accountId, fromWalletId: wallet(), toWalletId: wallet(), amount: amount(), allowOverdraft: rnd.next() < 0.2 };
    }
  };

  for (let step = 0; step < STEPS; step++) {
    const ops = rnd.next() < 0.15 ? [randomOp(), randomOp(), randomOp()] : [randomOp()];
    // Now and then, replay an earlier key: it must change nothing.
    const replay = keys.length > 0 && rnd.next() < 0.1;
    const before = await snapshot(w.schemeId);
    try {
      if (replay) {
        const key = rnd.pick(keys);
        await engine.apply({ ...request(w.schemeId, ops, key), requestHash: 'replay-with-another-body' }).catch((err: { type?: string }) => {
          if (err.type !== 'idempotency_key_reused') throw err;
        });
        expect(await snapshot(w.schemeId)).toBe(before);
      } else {
        const req = request(w.schemeId, ops);
        const result = await engine.apply(req);
        keys.push(req.systemUniqueKey);
        ok += 1;
        for (const t of result.transfers) {
          if (t.status === 'pending') pendings.push(t.id);
          if ((t.status === 'posted' || t.status === 'posted_from_pending') && !t.reversalOf) posted.push(t.id);
        }
      }
    } catch (err) {
      const type = (err as { type?: string }).type;
      // Only the ledger's own refusals are expected; anything else is a bug.
      expect(['business_rule_violated', 'conflict', 'not_found', 'validation_failed']).toContain(type);
      refused += 1;
      expect(await snapshot(w.schemeId)).toBe(before);
    }
    const violations = await verifyLedger(orm, w.schemeId);
    if (violations.length) throw new Error(`seed ${seed}, step ${step}: ${JSON.stringify(violations)}`);
  }
  // The sequence exercised both paths.
  expect(ok).toBeGreaterThan(STEPS / 4);
  expect(refused).toBeGreaterThan(5);
});

// The seeded soak of `npm run bench:ledger`: many random ledger requests from concurrent callers — every
// operation, atomic sets, replays, and requests that must be refused — then the verifier. The CI-sized runs of
// the same idea are test/ledger-invariants.test.ts and test/ledger-equivalence.test.ts.
import { randomUUID } from 'node:crypto';
import type { LedgerOp, LedgerRequest } from '../domain/ledger/operations';
import type { LedgerEngine } from '../db/ledger/ledger-engine';
import { drive } from './stats';

/** mulberry32, as in test/support/prng.ts: a failing run can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SoakResult {
  requests: number;
  applied: number;
  replayed: number;
  refused: Record<string, number>;
  wallMs: number;
}

/** `count` requests from `callers` concurrent callers over `wallets`; answers are tallied, nothing is assumed. */
export async function soak(engine: LedgerEngine, world: { schemeId: string; accountId: string; wallets: string[] }, count: number, callers: number, seed: number): Promise<SoakResult> {
  const next = prng(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: T[]): T | undefined => xs[int(xs.length)];
  const pendings: string[] = [];
  const posted: string[] = [];
  const sent: LedgerRequest[] = [];
  const result: SoakResult = { requests: count, applied: 0, replayed: 0, refused: {}, wallMs: 0 };
  const { accountId } = world;
  const wallet = () => pick(world.wallets) as string;
  const amount = () => BigInt(1 + int(200));
  const nowhere = '00000000-0000-4000-8000-000000000000';

  const op = (): LedgerOp => {
    switch (int(10)) {
      case 0:
      case 1:
      case 2:
        return { type: 'mint', accountId, walletId: wallet(), amount: amount(), pending: next() < 0.1 };
      case 3:
        return { type: 'burn', accountId, walletId: wallet(), amount: amount() };
      case 4:
        return { type: 'transfer', accountId, fromWalletId: wallet(), toWalletId: wallet(), amount: amount() };
      case 5:
        return { type: 'burn', accountId, walletId: wallet(), amount: amount(), pending: true };
      case 6:
        return { type: 'capture', accountId, pendingTransferId: pick(pendings) ?? nowhere, amount: next() < 0.5 ? BigInt(1 + int(50)) : undefined };
      case 7:
        return { type: next() < 0.5 ? 'void' : 'expire', accountId, pendingTransferId: pick(pendings) ?? nowhere };
      case 8:
        return { type: 'revert', accountId, transferId: pick(posted) ?? nowhere, amount: next() < 0.5 ? BigInt(1 + int(50)) : undefined };
      default:
        return { type: 'transfer', accountId, fromWalletId: wallet(), toWalletId: wallet(), amount: amount(), allowOverdraft: next() < 0.1 };
    }
  };

  const run = await drive(count, callers, async () => {
    const again = sent.length > 0 && next() < 0.05 ? pick(sent) : undefined;
    const req: LedgerRequest = again
      ? { ...again, requestHash: next() < 0.5 ? again.requestHash : 'another body' }
      : { schemeId: world.schemeId, systemUniqueKey: randomUUID(), requestHash: 'soak', ops: next() < 0.15 ? [op(), op()] : [op()] };
    try {
      const r = await engine.apply(req);
      if (r.replayed) result.replayed += 1;
      else {
        result.applied += 1;
        if (sent.length < 1000) sent.push(req);
        for (const t of r.transfers) {
          if (t.status === 'pending') pendings.push(t.id);
          if ((t.status === 'posted' || t.status === 'posted_from_pending') && !t.reversalOf) posted.push(t.id);
        }
        // Keep the pools of references small and recent, as a ledger's working set is.
        if (pendings.length > 500) pendings.splice(0, 250);
        if (posted.length > 500) posted.splice(0, 250);
      }
    } catch (err) {
      const type = (err as { type?: string }).type;
      if (!type) throw err;
      result.refused[type] = (result.refused[type] ?? 0) + 1;
    }
  });
  result.wallMs = run.wallMs;
  return result;
}

import type { LedgerPort } from '../domain/ports';
import { withFailureMapping } from './failures';

/** The hold's ledger steps, each keyed by the hold and the step, so a retry never posts twice. */
export function createHoldActivities({ ledger }: { ledger: Pick<LedgerPort, 'apply'> }) {
  const key = (holdId: string, step: string) => `hold/${holdId}/${step}`;
  return {
    placeHold: withFailureMapping(
      async (i: { schemeId: string; holdId: string; requestHash: string; accountId: string; walletId: string; points: string; timeoutAt: string }) => {
        const r = await ledger.apply({
          schemeId: i.schemeId,
          systemUniqueKey: key(i.holdId, 'place'),
          requestHash: i.requestHash,
          ops: [{ type: 'burn', accountId: i.accountId, walletId: i.walletId, amount: BigInt(i.points), pending: true, timeoutAt: i.timeoutAt, code: 'hold', externalId: i.holdId }],
        });
        return (r.transfers[0] as { id: string }).id;
      },
    ),
    resolveHold: withFailureMapping(
      async (i: { schemeId: string; holdId: string; accountId: string; pendingTransferId: string; outcome: 'capture' | 'void' | 'expire'; points?: string }) => {
        const op =
          i.outcome === 'capture'
            ? { type: 'capture' as const, accountId: i.accountId, pendingTransferId: i.pendingTransferId, ...(i.points ? { amount: BigInt(i.points) } : {}) }
            : { type: i.outcome, accountId: i.accountId, pendingTransferId: i.pendingTransferId };
        // One resolution per hold: the ledger's unique pendingId makes it so whatever races.
        await ledger.apply({ schemeId: i.schemeId, systemUniqueKey: key(i.holdId, 'resolve'), requestHash: `${i.outcome}:${i.points ?? 'all'}`, ops: [{ ...op, code: `hold_${i.outcome}`, externalId: i.holdId }] });
      },
    ),
  };
}

export type HoldActivities = ReturnType<typeof createHoldActivities>;

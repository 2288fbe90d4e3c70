import type { LedgerOp } from '../domain/ledger/operations';
import type { LedgerPort } from '../domain/ports';
import type { SalesRepository, SaleStore } from '../domain/transactions/ports';
import { reserveHold, type ReserveHoldCommand } from './hold/reserve-hold';
import { redeemHeldSale, type RedeemHeldSaleCommand } from './hold/redeem-held-sale';
import { recordPostedSale } from './sale/post-priced-sale';
import type { SaleResult } from '../domain/transactions/sale-result';
import { withFailureMapping } from './failures';
import { countSale, type PointsMetrics } from './metrics';

/** The hold's ledger steps, each keyed by the hold and the step, so a retry never posts twice. */
export function createHoldActivities({ ledger, sales, saleStore, metrics }: { ledger: Pick<LedgerPort, 'apply'>; sales: SalesRepository; saleStore: SaleStore; metrics: PointsMetrics }) {
  const key = (holdId: string, step: string) => `hold/${holdId}/${step}`;
  return {
    /** The one-step hold's placement (local activity): context and pending burn in one transaction. */
    reserveHold: withFailureMapping((cmd: ReserveHoldCommand) => reserveHold(saleStore, cmd)),
    /** The one-step hold's redeem with the sale (local activity): priced, captured, earned and recorded in one transaction. */
    redeemHeldSale: withFailureMapping((cmd: RedeemHeldSaleCommand) => redeemHeldSale(saleStore, cmd, (r) => countSale(metrics, cmd.schemeId, r))),
    /** Executions started before the one-step hold: the placement alone, the context read by prepareSale. */
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
    /** Executions started before the one-step hold: capture (or release) plus the earn as one atomic set, then the sale record. */
    redeemHoldWithSale: withFailureMapping(
      async (i: {
        schemeId: string;
        holdId: string;
        requestHash: string;
        accountId: string;
        walletId: string;
        pendingTransferId: string;
        customerId: string;
        outletId: string;
        pointsRedeemed: string;
        pointsEarned: string;
        result: SaleResult;
        request: Record<string, unknown>;
        lines: Array<Record<string, unknown>>;
        returnWindowSeconds: number;
      }): Promise<SaleResult> => {
        const tracking = { externalId: i.holdId, tags: ['sale', 'hold'] };
        const resolve: LedgerOp =
          BigInt(i.pointsRedeemed) > 0n
            ? { type: 'capture', accountId: i.accountId, pendingTransferId: i.pendingTransferId, amount: BigInt(i.pointsRedeemed), code: 'hold_capture', ...tracking }
            : { type: 'void', accountId: i.accountId, pendingTransferId: i.pendingTransferId, code: 'hold_void', ...tracking };
        const ops: LedgerOp[] = [resolve];
        const pending = i.returnWindowSeconds > 0;
        if (BigInt(i.pointsEarned) > 0n) {
          ops.push({ type: 'mint', accountId: i.accountId, walletId: i.walletId, amount: BigInt(i.pointsEarned), pending, code: pending ? 'earn_pending' : 'earn', ...tracking });
        }
        const applied = await ledger.apply({ schemeId: i.schemeId, systemUniqueKey: key(i.holdId, 'resolve'), requestHash: i.requestHash, ops });
        // The earn is the only leg left pending (the hold's own pending burn is resolved in the same set).
        const pendingTransferId = applied.transfers.find((t) => t.status === 'pending')?.id ?? null;
        const stored = await recordPostedSale(sales, i.schemeId, { ...i, uniqueId: i.holdId }, pendingTransferId, i.returnWindowSeconds);
        return stored.result as unknown as SaleResult;
      },
    ),
  };
}

export type HoldActivities = ReturnType<typeof createHoldActivities>;

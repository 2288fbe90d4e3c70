import { assertSaleContext } from '../../domain/transactions/price-sale';
import { holdLedgerOp, pointsToHold } from '../../domain/transactions/held-sale';
import type { SaleStore } from '../../domain/transactions/ports';

export interface ReserveHoldCommand {
  schemeId: string;
  holdId: string;
  requestHash: string;
  customerId?: string;
  customerBarcode?: string;
  outletId: string;
  points?: string;
  amount?: number;
  /** The hold's deadline (the workflow's clock): the pending burn times out then. */
  expiresAt: string;
}

export interface ReservedHold {
  customerId: string;
  accountId: string;
  walletId: string;
  pendingTransferId: string;
  pointsHeld: string;
  availableBefore: string;
  availableAfter: string;
}

/**
 * A hold's placement in one PostgreSQL transaction: the customer's wallet
 * locked, the points worked out from the rules, the pending burn posted
 * (keyed `hold/<id>/place`, so a retry replays it). Too few points is the
 * ledger's refusal, and nothing is held.
 */
export function reserveHold(store: SaleStore, cmd: ReserveHoldCommand): Promise<ReservedHold> {
  return store.transaction(async (tx) => {
    // The hold's id is not a sale's: what `open` finds under it does not concern a placement (the ledger key replays it).
    const { context } = await tx.open(cmd.schemeId, cmd.holdId, { customerId: cmd.customerId, customerBarcode: cmd.customerBarcode, outletId: cmd.outletId, giftCardCodes: [], couponCodes: [] });
    const ctx = assertSaleContext(context);
    const points = pointsToHold(cmd, ctx);
    const posted = await tx.post({
      schemeId: cmd.schemeId,
      systemUniqueKey: `hold/${cmd.holdId}/place`,
      requestHash: cmd.requestHash,
      ops: [holdLedgerOp({ holdId: cmd.holdId, accountId: ctx.accountId, walletId: ctx.walletId, points, timeoutAt: cmd.expiresAt })],
    });
    const transfer = posted.transfers[0] as { id: string; amount: bigint };
    // A replayed placement already left the balance: the figures are worked back from it.
    const after = BigInt(ctx.available) - (posted.replayed ? 0n : transfer.amount);
    return {
      customerId: ctx.customerId,
      accountId: ctx.accountId,
      walletId: ctx.walletId,
      pendingTransferId: transfer.id,
      pointsHeld: transfer.amount.toString(),
      availableBefore: (after + transfer.amount).toString(),
      availableAfter: after.toString(),
    };
  });
}

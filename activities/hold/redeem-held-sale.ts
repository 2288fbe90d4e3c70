import { assertSaleContext, giftCardCodes } from '../../domain/transactions/price-sale';
import { decideHeldSale } from '../../domain/transactions/held-sale';
import type { SaleStore } from '../../domain/transactions/ports';
import type { SaleResult } from '../../domain/transactions/sale-result';
import { announce, committed, postLegs, record, replayed, type PostSaleCommand } from '../sale/post-sale';

export interface RedeemHeldSaleCommand extends PostSaleCommand {
  /** The hold's id is the sale's uniqueId. */
  pendingTransferId: string;
  /** Points the hold reserved: what the sale's redemption may use. */
  pointsHeld: string;
}

/**
 * A hold redeemed with its sale, in one PostgreSQL transaction: the same steps
 * as a sale (replay, locked context, legs, record, announce), priced so the
 * held points pay first; the capture (or release) and the earn are one atomic
 * set under the hold's resolve key, so the hold resolves exactly once.
 */
export function redeemHeldSale(store: SaleStore, cmd: RedeemHeldSaleCommand, posted?: (result: SaleResult) => void): Promise<SaleResult> {
  return committed(
    store,
    async (tx) => {
      const opened = await tx.open(cmd.schemeId, cmd.uniqueId, { customerId: cmd.customerId, outletId: cmd.outletId, giftCardCodes: giftCardCodes(cmd.sale), couponCodes: [] });
      if (opened.previous) return { value: replayed(opened.previous, cmd), fresh: false };
      const ctx = assertSaleContext(opened.context);
      const decision = decideHeldSale({ ...cmd, held: BigInt(cmd.pointsHeld) }, ctx);
      const ledgerKey = `hold/${cmd.uniqueId}/resolve`;
      const pendingTransferId = await postLegs(tx, cmd, decision, ledgerKey);
      await record(tx, cmd, ctx, decision, pendingTransferId);
      await announce(tx, cmd, ctx, decision, ledgerKey);
      return { value: decision.result, fresh: true };
    },
    posted,
  );
}

import { NotFoundError } from '../../domain/errors';
import { own } from '../../domain/own';
import { adjustmentKey, adjustmentOp, assertHolder, storedValueTopUpOp, topUpKey, topUpOp } from '../../domain/points/adjustment';
import { fromMinorUnits, toMinorUnits } from '../../domain/transactions/money';
import type { GiftCardRepository } from '../../domain/transactions/ports';
import type { CustomerRepository } from '../../domain/ports';
import { created, type Handlers } from '../endpoints/endpoint';
import type { pointOperationEndpoints } from '../endpoints/point-operations';
import { schemeOf } from '../middleware/auth';
import { findCustomer, pointsWallet } from './customer-points';
import { actorOf, postCustomerOp, postPointsOp, type PointsPostingDeps } from './points-posting';

export interface PointOperationDeps extends PointsPostingDeps {
  customers: Pick<CustomerRepository, 'findById' | 'list'>;
  giftCards: Pick<GiftCardRepository, 'find' | 'valueAfter'>;
}

/** Adjustments and top-ups (points, or stored value on a gift card): each one ledger operation run by the applyLedgerRequest workflow under its own key. */
export function pointOperationHandlers(d: PointOperationDeps): Handlers<typeof pointOperationEndpoints> {
  return {
    async adjustCustomerPoints({ params: { id }, body, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await findCustomer(d.customers, schemeId, { id });
      const actor = actorOf(res);
      const op = adjustmentOp(body.points, body.reason, await pointsWallet(d, schemeId, customer.id), actor);
      // Without a uniqueId each request is its own adjustment (as the ledger API's mints are without systemUniqueKey).
      const key = adjustmentKey(body.uniqueId ?? `auto:${crypto.randomUUID()}`);
      const { transfer, available } = await postPointsOp(d, res, customer, key, { points: body.points.toString(), reason: body.reason.trim() }, op);
      return created({ transactionId: transfer.id, customerId: customer.id, points: body.points.toString(), reason: transfer.description ?? body.reason, available: available.toString(), createdAt: transfer.createdAt });
    },

    async loyalePostTopUp({ body, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await findCustomer(d.customers, schemeId, { id: body.customerId, barcode: body.customerBarcode });
      // Everything the till said but how it named the customer: the same uniqueId with another receipt, outlet or date
      // is a 409, not a replay. What the ledger has no field for stays in the transfer's metadata.
      const { customerBarcode: _barcode, customerId: _id, uniqueId, ...asked } = body;
      const till = { ...(body.outletId ? { outletId: body.outletId } : {}), ...(body.date ? { date: body.date } : {}) };
      const receipt = body.receiptNumber ? { externalId: body.receiptNumber } : {};
      if (body.value !== undefined && body.giftCardCode) {
        const card = own(await d.giftCards.find(schemeId, [body.giftCardCode]), body.giftCardCode);
        if (!card) throw new NotFoundError('Gift card');
        // Refused before any workflow when the card is known to be someone else's; the posting checks it again, under its lock.
        if (card.holderId) assertHolder(card.holderId, customer.id);
        const op = { ...storedValueTopUpOp(toMinorUnits(body.value, card.decimals, 'body.value'), body.description, card, actorOf(res)), ...receipt };
        op.metadata = { ...op.metadata, till };
        const transfer = await postCustomerOp(d, res, customer, topUpKey(uniqueId), asked, op, true);
        const after = await d.giftCards.valueAfter(schemeId, card.walletId, transfer.id);
        const money = (minor: bigint) => fromMinorUnits(minor, card.decimals);
        return created({ customerId: customer.id, uniqueId, status: 'COMPLETED' as const, transactionId: transfer.id, giftCardCode: card.code, valueAdded: money(BigInt(transfer.amount)), valueBefore: money(after - BigInt(transfer.amount)), valueAfter: money(after) });
      }
      const points = BigInt(body.points ?? 0);
      const op = { ...topUpOp(points, body.description, await pointsWallet(d, schemeId, customer.id), actorOf(res)), ...receipt };
      op.metadata = { ...op.metadata, till };
      const { transfer, before, available } = await postPointsOp(d, res, customer, topUpKey(uniqueId), asked, op);
      return created({ customerId: customer.id, uniqueId, status: 'COMPLETED' as const, transactionId: transfer.id, pointsAdded: Number(points), pointsBefore: Number(before), pointsAfter: Number(available) });
    },
  };
}

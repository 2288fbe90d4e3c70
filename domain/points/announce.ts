import type { HubEvent } from '../events/hub-event';
import { batchOf, partnerSyncStep, type FollowUp, type FollowUpBatch } from '../follow-ups';
import type { LedgerOp, Transfer } from '../ledger/operations';
import type { SyncKind } from '../partners/ports';

/**
 * A points operation a person or a till asked for (an adjustment with its
 * reason, a top-up, a POS redemption) is announced like a sale: the ledger
 * transaction event on the bus and the partner sync, recorded in the posting's
 * own transaction. Ledger API requests are not announced: they are the
 * integrator's own bookkeeping.
 */
export interface PointsAnnouncement {
  customerId: string;
  /** Stored value on the customer's gift card (minor units): the event says `value`, and no partner holds it for the hub. */
  storedValue?: boolean;
}

/** The customer's side of the operation: what a mint added, what a burn took (signed). */
export function signedPoints(op: LedgerOp, transfer: Pick<Transfer, 'amount'>): bigint {
  return op.type === 'burn' ? -transfer.amount : transfer.amount;
}

export const pointsEventKey = (systemUniqueKey: string) => `points/${systemUniqueKey}`;

/** The seed's `ledger-transaction-created`, one per operation key. */
export function pointsEvent(p: { schemeId: string; systemUniqueKey: string; customerId: string; op: LedgerOp; transfer: Transfer; storedValue?: boolean }): HubEvent {
  return {
    schemeId: p.schemeId,
    key: pointsEventKey(p.systemUniqueKey),
    type: 'ledger-transaction-created',
    customerId: p.customerId,
    occurredAt: p.transfer.createdAt,
    payload: {
      systemUniqueKey: p.systemUniqueKey,
      transferId: p.transfer.id,
      accountId: p.transfer.accountId,
      code: p.transfer.code,
      [p.storedValue ? 'value' : 'points']: signedPoints(p.op, p.transfer).toString(),
      reason: p.transfer.description,
    },
  };
}

/**
 * What follows a points operation, after its answer: the partner sync (as an
 * adjustment: to a partner, a top-up or a redemption at the hub's till is a
 * signed change with a reason) and the event when anything listens for it
 * (otherwise the event is only journalled). Lane: the customer, so a
 * partner sees the customer's operations in commit order.
 */
export function afterPointsOperation(p: { event: HubEvent; connected: SyncKind[]; listening: boolean; systemUniqueKey: string }): FollowUpBatch | null {
  const { schemeId, customerId } = p.event;
  const steps: FollowUp[] = [...partnerSyncStep(p.connected, { schemeId, sync: 'adjustment', operationKey: p.systemUniqueKey, customerId })];
  if (p.listening) steps.push({ kind: 'hubEvent', event: p.event });
  return batchOf(schemeId, pointsEventKey(p.systemUniqueKey), customerId, steps);
}

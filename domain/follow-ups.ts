import { hubEventKeys, type HubEvent } from './events/hub-event';
import type { SyncKind } from './partners/ports';
import type { Referral } from './referrals/types';

/**
 * Work that follows an operation but must never delay its answer: the
 * pending-points window, the partner-sync dispatch, the event-bus delivery, a
 * new referral's workflow, the expiry of a ledger-API hold. The operation's own transaction records its
 * follow-ups (a transactional outbox), so they are exactly as durable as the
 * operation; a relay in every worker starts their workflows after the commit.
 * Each step names a workflow by a deterministic id, so starting one twice is
 * harmless.
 */
export type FollowUp =
  | { kind: 'pendingWindow'; schemeId: string; uniqueId: string; customerId: string; activateAt: string }
  | { kind: 'partnerSync'; schemeId: string; sync: SyncKind; operationKey: string; customerId: string; exceptConnectionId?: string }
  | { kind: 'hubEvent'; event: HubEvent }
  | { kind: 'referral'; referral: Referral }
  | { kind: 'holdTimeout'; schemeId: string; accountId: string; transferId: string; timeoutAt: string }
  /** Recorded by the hub_events fan-out (a database trigger), not by TypeScript: one per event, trigger and run. */
  | { kind: 'triggerDelivery'; schemeId: string; deliveryId: string; customerId: string; run: number; horizonSeconds: number };

/**
 * One operation's follow-ups, run in order (a referral's workflow must exist
 * before the registration event reaches it). Batches of one lane (a customer)
 * run one after another in commit order, so a return is never dispatched to a
 * partner before its sale.
 */
export interface FollowUpBatch {
  schemeId: string;
  /** The operation, unique per scheme (`sale/<uniqueId>`): recording it twice keeps the first. */
  key: string;
  lane: string;
  steps: FollowUp[];
}

/** The partner-sync dispatch, when a connection of the scheme forwards this kind of operation. */
export function partnerSyncStep(
  connected: SyncKind[],
  step: { schemeId: string; sync: SyncKind; operationKey: string; customerId: string; exceptConnectionId?: string },
): FollowUp[] {
  return connected.includes(step.sync) ? [{ kind: 'partnerSync', ...step }] : [];
}

export function batchOf(schemeId: string, key: string, lane: string, steps: FollowUp[]): FollowUpBatch | null {
  return steps.length === 0 ? null : { schemeId, key, lane, steps };
}

/**
 * What follows a registration: the referral's own workflow first (it must be
 * listening before the registration event reaches it), the partner-sync
 * dispatch (not back to the connection the customer came from), and the
 * event when anything listens for it (otherwise it is only journalled).
 */
export function afterRegistration(p: {
  schemeId: string;
  customerId: string;
  referral: Referral | null;
  connected: SyncKind[];
  originConnectionId?: string;
  event: HubEvent;
  listening: boolean;
}): FollowUpBatch | null {
  const steps: FollowUp[] = [];
  if (p.referral) steps.push({ kind: 'referral', referral: p.referral });
  steps.push(
    ...partnerSyncStep(p.connected, { schemeId: p.schemeId, sync: 'customer', operationKey: `${p.customerId}:created`, customerId: p.customerId, ...(p.originConnectionId ? { exceptConnectionId: p.originConnectionId } : {}) }),
  );
  if (p.listening) steps.push({ kind: 'hubEvent', event: p.event });
  return batchOf(p.schemeId, `customer/${p.customerId}/created`, p.customerId, steps);
}

/** A return as a bus event: missions roll back and referrals reverse on it. */
export function returnEvent(p: { schemeId: string; returnUniqueId: string; saleUniqueId: string | null; customerId: string; pointsDeducted: number | string; fullyReturned: boolean; occurredAt: string }): HubEvent {
  return {
    schemeId: p.schemeId,
    key: hubEventKeys.saleReturn(p.returnUniqueId),
    type: p.fullyReturned ? 'member-purchase-order-returned' : 'member-purchase-order-partially-returned',
    customerId: p.customerId,
    occurredAt: p.occurredAt,
    payload: { saleUniqueId: p.saleUniqueId, returnUniqueId: p.returnUniqueId, pointsDeducted: String(p.pointsDeducted), fullyReturned: p.fullyReturned },
  };
}

/** What follows a return: the partner-sync dispatch and the return event (always delivered: rollbacks listen for it). */
export function afterReturn(p: { schemeId: string; returnUniqueId: string; customerId: string; connected: SyncKind[]; event: HubEvent }): FollowUpBatch | null {
  const steps: FollowUp[] = [
    ...partnerSyncStep(p.connected, { schemeId: p.schemeId, sync: 'return', operationKey: p.returnUniqueId, customerId: p.customerId }),
    { kind: 'hubEvent', event: p.event },
  ];
  return batchOf(p.schemeId, `return/${p.returnUniqueId}`, p.customerId, steps);
}

import type { HoldInput, HoldView } from './contracts/holds';
import { failure } from './failure';

/** Whether a redeem may proceed: a repeat of the one in progress or done passes; anything else on a hold not HELD is a conflict. */
export function checkRedeem(view: HoldView, redeemedWith: string | null, points: string | undefined): void {
  const same = redeemedWith === (points ?? 'all');
  if ((view.status === 'REDEEMED' || view.status === 'REDEEMING') && same) return;
  if (view.status !== 'HELD') throw failure('conflict', `The hold is ${view.status}; it cannot be redeemed${view.status === 'REDEEMED' ? ' again with other points' : ''}`);
  if (points !== undefined && (!/^\d{1,15}$/.test(points) || BigInt(points) < 1n || BigInt(points) > BigInt(view.pointsHeld))) {
    throw failure('business_rule_violated', `points must be between 1 and the ${view.pointsHeld} held`);
  }
}

/** Whether a remove may proceed: a repeat passes; a hold redeemed or expired cannot be removed. */
export function checkRemove(view: HoldView): void {
  if (view.status === 'REMOVED' || view.status === 'REMOVING' || view.status === 'HELD') return;
  throw failure('conflict', `The hold is ${view.status}; it cannot be removed`);
}

/** A new hold's view (PLACING) and its setter, which stamps `updatedAt` with the workflow's clock. */
export function holdView(input: HoldInput): { view: HoldView; set(patch: Partial<HoldView>): void } {
  const view: HoldView = {
    holdId: input.uniqueId,
    status: 'PLACING',
    customerId: null,
    pointsHeld: '0',
    pointsRedeemed: '0',
    availableBefore: null,
    availableAfter: null,
    expiresAt: null,
    requestHash: input.requestHash,
    pendingTransferId: null,
    sale: null,
    updatedAt: new Date().toISOString(),
  };
  return { view, set: (patch) => Object.assign(view, patch, { updatedAt: new Date().toISOString() }) };
}

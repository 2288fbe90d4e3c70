import { allHandlersFinished, condition, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { HoldActivities } from '../activities/holds';
import type { ReservedHold } from '../activities/hold/reserve-hold';
import type { Outcome, Refusal } from '../domain/outcome';
import { localProfiles } from './activity-profiles';
import { holdPlaced, holdState, redeemHold, removeHold, type HoldInput, type HoldPointsWorkflow, type HoldStatus, type HoldView, type RedeemArgs } from './contracts/holds';
import { searchAttributes } from './contracts/search-attributes';
import { asFailure } from './failure';
import { checkRedeem, checkRemove, holdView } from './hold-rules';
import { holdPointsV1 } from './hold-points-v1';
import { decided } from './outcome';

const { reserveHold, resolveHold, redeemHeldSale } = proxyLocalActivities<HoldActivities>(localProfiles.posting);

const FINAL: HoldStatus[] = ['REDEEMED', 'REMOVED', 'EXPIRED', 'REFUSED'];

/**
 * An on-hold transaction: a pending ledger burn that lives until the POS
 * redeems it (capture, all or part), removes it (void), or its deadline passes
 * (expire). Executions from before the one-step hold keep their own path.
 */
export const holdPoints: HoldPointsWorkflow = async (input) => (input.oneStep ? holdInOneStep(input) : holdPointsV1(input));

/**
 * Each step a till waits for is one local activity (one transaction) inside
 * one workflow task: the placement (awaited through the `holdPlaced` update,
 * sent with the start), each redeem and each remove (updates, so the POS
 * hears the committed outcome). A refused placement completes the workflow
 * with its refusal.
 */
async function holdInOneStep(input: HoldInput): Promise<Outcome<HoldView>> {
  const { view, set } = holdView(input);
  let refusal: Refusal | null = null;
  let held: ReservedHold | null = null;
  let redeemedWith: string | null = null;
  const answer = (): Outcome<HoldView> =>
    refusal ? { outcome: 'refused', refusal, requestHash: input.requestHash } : { outcome: 'completed', value: view, requestHash: input.requestHash };

  setHandler(holdState, () => view);
  setHandler(holdPlaced, async () => {
    await condition(() => view.status !== 'PLACING');
    return answer();
  });

  const resolve = (outcome: 'capture' | 'void' | 'expire', points?: string) => {
    const h = held as ReservedHold;
    return resolveHold({ schemeId: input.schemeId, holdId: input.uniqueId, accountId: h.accountId, pendingTransferId: h.pendingTransferId, outcome, points });
  };

  const redeem = async ({ points, sale }: RedeemArgs) => {
    const h = held as ReservedHold;
    if (!sale) {
      await resolve('capture', points);
      set({ pointsRedeemed: points ?? view.pointsHeld });
      return;
    }
    const result = await redeemHeldSale({
      schemeId: input.schemeId,
      uniqueId: input.uniqueId,
      requestHash: input.requestHash,
      statusUrl: sale.statusUrl,
      sale: { lines: sale.lines, payments: sale.payments, coupons: [] },
      request: sale.request,
      customerId: h.customerId,
      outletId: input.outletId,
      pendingTransferId: h.pendingTransferId,
      pointsHeld: view.pointsHeld,
    });
    set({ pointsRedeemed: String(result.pointsRedeemed), sale: result });
  };

  setHandler(
    redeemHold,
    async (args) => {
      if (view.status !== 'HELD') {
        await condition(() => view.status === 'REDEEMED');
        return view;
      }
      set({ status: 'REDEEMING' });
      redeemedWith = args.points ?? 'all';
      try {
        await redeem(args);
      } catch (err) {
        set({ status: 'HELD' });
        redeemedWith = null;
        throw asFailure(err);
      }
      set({ status: 'REDEEMED' });
      return view;
    },
    { validator: ({ points }) => checkRedeem(view, redeemedWith, points) },
  );

  setHandler(
    removeHold,
    async () => {
      if (view.status !== 'HELD') {
        await condition(() => view.status === 'REMOVED');
        return view;
      }
      set({ status: 'REMOVING' });
      await resolve('void');
      set({ status: 'REMOVED' });
      return view;
    },
    { validator: () => checkRemove(view) },
  );

  const expiresAt = new Date(Date.now() + input.expiresInSeconds * 1000).toISOString();
  const placed = await decided(
    () =>
      reserveHold({
        schemeId: input.schemeId,
        holdId: input.uniqueId,
        requestHash: input.requestHash,
        customerId: input.customerId,
        customerBarcode: input.customerBarcode,
        outletId: input.outletId,
        points: input.points,
        amount: input.amount,
        expiresAt,
      }),
    input.requestHash,
  );
  if (placed.outcome === 'refused') {
    refusal = placed.refusal;
    set({ status: 'REFUSED' });
  } else {
    held = placed.value;
    upsertSearchAttributes([{ key: searchAttributes.customerId, value: held.customerId }]);
    set({
      status: 'HELD',
      customerId: held.customerId,
      pointsHeld: held.pointsHeld,
      availableBefore: held.availableBefore,
      availableAfter: held.availableAfter,
      expiresAt,
      pendingTransferId: held.pendingTransferId,
    });
    // The deadline: if the POS never comes back, the points are released.
    const settled = await condition(() => view.status !== 'HELD', input.expiresInSeconds * 1000);
    if (!settled && view.status === 'HELD') {
      set({ status: 'EXPIRING' });
      await resolve('expire');
      set({ status: 'EXPIRED' });
    }
  }
  await condition(() => FINAL.includes(view.status));
  await condition(allHandlersFinished);
  return answer();
}

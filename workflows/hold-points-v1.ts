import { allHandlersFinished, condition, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { HoldActivities } from '../activities/holds';
import type { SaleActivities } from '../activities/sales';
import { ValidationError } from '../domain/errors';
import { calculateSale, pointsToPay, REDEMPTION } from '../domain/transactions/calculate';
import { toMinorUnits } from '../domain/transactions/money';
import { rulesFromView, type SaleContext } from '../domain/transactions/ports';
import { recordedLines, saleResult } from '../domain/transactions/sale-result';
import { activityProfiles } from './activity-profiles';
import { startPendingWindow } from './pending-window';
import { startPartnerSync } from './partner-sync-start';
import { emitPurchase } from './emit-purchase';
import { holdState, redeemHold, removeHold, type HoldInput, type HoldStatus, type HoldView, type RedeemArgs } from './contracts/holds';
import { searchAttributes } from './contracts/search-attributes';
import { asFailure } from './failure';
import { checkRedeem, checkRemove, holdView } from './hold-rules';

const { prepareSale } = proxyActivities<SaleActivities>(activityProfiles.database);
const { placeHold, resolveHold, redeemHoldWithSale } = proxyActivities<HoldActivities>(activityProfiles.database);

const FINAL: HoldStatus[] = ['REDEEMED', 'REMOVED', 'EXPIRED'];

/**
 * A hold as executions started before the one-step hold run it (their
 * histories replay through here): the context and the placement in two
 * activities, the sale priced in the workflow, refusals failing it.
 */
export async function holdPointsV1(input: HoldInput): Promise<HoldView> {
  const { view, set } = holdView(input);
  let accountId = '';
  let redeemedWith: string | null = null;
  let ctx: SaleContext | null = null;
  setHandler(holdState, () => view);

  const resolve = async (outcome: 'capture' | 'void' | 'expire', points?: string) =>
    resolveHold({ schemeId: input.schemeId, holdId: input.uniqueId, accountId, pendingTransferId: view.pendingTransferId as string, outcome, points });

  setHandler(
    redeemHold,
    async ({ points, sale }) => {
      if (view.status !== 'HELD') {
        await condition(() => view.status === 'REDEEMED');
        return view;
      }
      set({ status: 'REDEEMING' });
      redeemedWith = points ?? 'all';
      try {
        if (sale) await completeSale(points ?? view.pointsHeld, sale);
        else {
          await resolve('capture', points);
          set({ pointsRedeemed: points ?? view.pointsHeld });
        }
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

  /**
   * Redeem with the sale: the held points pay first (at most `available`
   * points' worth), the other methods the rest; the capture (or release, if
   * none was needed) and the earn post as one atomic set.
   */
  const completeSale = async (available: string, sale: NonNullable<RedeemArgs['sale']>) => {
    const c = ctx as SaleContext;
    const rules = rulesFromView(c.rules, c.currencyDecimals);
    const payments = [...sale.payments.filter((p) => p.type !== REDEMPTION), { type: REDEMPTION }];
    const calc = calculateSale(sale.lines, payments, rules, BigInt(available));
    const result = saleResult(calc, {
      customerId: c.customerId,
      available: BigInt(view.availableBefore ?? '0'),
      decimals: c.currencyDecimals,
      uniqueId: input.uniqueId,
      statusUrl: sale.statusUrl,
      status: 'COMPLETED',
      earnPending: (c.rules.returnWindowSeconds ?? 0) > 0,
    });
    const posted = await redeemHoldWithSale({
      schemeId: input.schemeId,
      holdId: input.uniqueId,
      requestHash: input.requestHash,
      accountId,
      walletId: c.walletId,
      pendingTransferId: view.pendingTransferId as string,
      customerId: c.customerId,
      outletId: c.outletId,
      pointsRedeemed: calc.pointsRedeemed.toString(),
      pointsEarned: calc.pointsEarned.toString(),
      result,
      request: sale.request,
      lines: recordedLines(calc),
      returnWindowSeconds: c.rules.returnWindowSeconds ?? 0,
    });
    // Histories recorded before the return window returned nothing here.
    if (posted?.pendingUntil) await startPendingWindow(input.schemeId, input.uniqueId, c.customerId, posted.pendingUntil);
    await startPartnerSync(input.schemeId, 'sale', input.uniqueId, c.customerId, c.partnerEvents ?? []);
    await emitPurchase({ schemeId: input.schemeId, uniqueId: input.uniqueId, customerId: c.customerId, outletId: c.outletId, calc, lines: sale.lines, pendingUntil: posted?.pendingUntil ?? null });
    set({ pointsRedeemed: calc.pointsRedeemed.toString(), sale: posted ?? result });
  };

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

  ctx = await prepareSale({ ...input, giftCardCodes: [], couponCodes: [] });
  upsertSearchAttributes([{ key: searchAttributes.customerId, value: ctx.customerId }]);
  let points: bigint;
  try {
    const rules = rulesFromView(ctx.rules, ctx.currencyDecimals);
    points = input.points !== undefined ? BigInt(input.points) : pointsToPay(toMinorUnits(input.amount ?? 0, ctx.currencyDecimals, 'body.amount'), rules);
    if (points <= 0n) throw new ValidationError('Nothing to hold', [{ path: 'body', message: 'points or amount must be above 0' }]);
  } catch (err) {
    throw asFailure(err);
  }
  accountId = ctx.accountId;
  const expiresAt = new Date(Date.now() + input.expiresInSeconds * 1000).toISOString();
  const pendingTransferId = await placeHold({
    schemeId: input.schemeId,
    holdId: input.uniqueId,
    requestHash: input.requestHash,
    accountId,
    walletId: ctx.walletId,
    points: points.toString(),
    timeoutAt: expiresAt,
  });
  set({
    status: 'HELD',
    customerId: ctx.customerId,
    pointsHeld: points.toString(),
    availableBefore: ctx.available,
    availableAfter: (BigInt(ctx.available) - points).toString(),
    expiresAt,
    pendingTransferId,
  });

  // The deadline: if the POS never comes back, the points are released.
  const settled = await condition(() => view.status !== 'HELD', input.expiresInSeconds * 1000);
  if (!settled && view.status === 'HELD') {
    set({ status: 'EXPIRING' });
    await resolve('expire');
    set({ status: 'EXPIRED' });
  }
  await condition(() => FINAL.includes(view.status));
  await condition(allHandlersFinished);
  return view;
}

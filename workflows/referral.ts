import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ReferralActivities } from '../activities/referrals';
import type { HubEvent, PurchasePayload, ReturnPayload } from '../domain/events/hub-event';
import { qualifies } from '../domain/referrals/rules';
import type { Referral } from '../domain/referrals/types';
import { activityProfiles } from './activity-profiles';
import { referralEvent, referralState, type ReferralState, type ReferralWorkflow } from './contracts/referrals';

const { rewardReferral, expireReferral, reverseReferral, closeReferral } = proxyActivities<ReferralActivities>(activityProfiles.database);

/** A full return of the qualifying sale (cumulatively: the last line-item return that empties it counts too). */
function fullReturnOf(event: HubEvent, saleUniqueId: string | null): boolean {
  const p = event.payload as Partial<ReturnPayload>;
  return saleUniqueId !== null && event.type === 'member-purchase-order-returned' && p.fullyReturned === true && p.saleUniqueId === saleUniqueId;
}

/**
 * One referral: PENDING until the referred customer's qualifying event (by
 * signal from the event bus) or the deadline → QUALIFIED (both sides paid in
 * one atomic ledger set) or EXPIRED. A qualified referral whose sale has a
 * return window stays open until the window closes: a full return inside it
 * reverses both rewards.
 */
export const referral: ReferralWorkflow = async (input) => {
  let qualifying: HubEvent | null = null;
  let returned: HubEvent | null = null;
  const state: ReferralState = { referralId: input.referralId, status: 'PENDING', qualifyingEventKey: null, qualifyingSaleId: null, reversibleUntil: null, referral: null };
  const settle = (r: Referral) => {
    state.referral = r;
    state.status = r.status;
  };

  setHandler(referralState, () => state);
  setHandler(referralEvent, (event) => {
    if (!qualifying) {
      if (!qualifies(input.terms, event)) return;
      qualifying = event;
      state.qualifyingEventKey = event.key;
      state.qualifyingSaleId = (event.payload as Partial<PurchasePayload>).uniqueId ?? null;
    } else if (!returned && fullReturnOf(event, state.qualifyingSaleId)) {
      returned = event;
    }
  });

  if (!(await condition(() => qualifying !== null, Math.max(1, Date.parse(input.expiresAt) - Date.now())))) {
    settle(await expireReferral({ referralId: input.referralId }));
    return state;
  }
  const event = qualifying as unknown as HubEvent;
  settle(await rewardReferral({ referralId: input.referralId, event }));

  const windowEnds = (event.payload as Partial<PurchasePayload>).returnWindowEndsAt ?? null;
  if (input.terms.reverseOnReturn && windowEnds && state.status === 'QUALIFIED') {
    state.reversibleUntil = windowEnds;
    const left = Date.parse(windowEnds) - Date.now();
    if (left > 0 && (await condition(() => returned !== null, left))) {
      settle(await reverseReferral({ referralId: input.referralId, returnKey: (returned as unknown as HubEvent).key }));
      return state;
    }
  }
  settle(await closeReferral({ referralId: input.referralId }));
  state.reversibleUntil = null;
  return state;
};

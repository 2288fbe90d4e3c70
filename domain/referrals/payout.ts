import type { HubEvent, PurchasePayload } from '../events/hub-event';
import type { LedgerOp } from '../ledger/operations';
import type { ReferralStore } from './ports';
import { reversalOf } from './rules';
import type { Referral } from './types';

/**
 * A referral's money moves, each a use case in one transaction on a locked
 * referral, run by the referral workflow's activities. A step that finds the
 * referral past it (a retry, a race with the deadline) answers it as it is.
 */

/**
 * Qualifies a PENDING referral and pays both sides in one atomic ledger set
 * keyed `referral/<id>/reward`. The referrer's slot is a conditional upsert
 * against the programme's `max_referrals_per_member`: past it the referred
 * customer is still paid, the referrer is not, and the referral says why.
 */
export function rewardReferral(store: ReferralStore, referralId: string, event: HubEvent): Promise<Referral> {
  return store.transaction(async (tx) => {
    const r = await tx.lock(referralId);
    if (r.status !== 'PENDING') return r;
    const program = await tx.program(r.programId);
    let referrerPoints = BigInt(r.terms.referrerPoints);
    let note: string | null = null;
    if (referrerPoints > 0n && !(await tx.claimReferrerSlot(r.programId, r.referrerCustomerId, program.maxReferralsPerMember))) {
      referrerPoints = 0n;
      note = `The referrer had already been rewarded for the programme's maximum of ${program.maxReferralsPerMember} referrals`;
    }
    const referredPoints = BigInt(r.terms.referredPoints);
    const tracking = { externalId: event.key, description: `referral ${r.id}`, tags: ['referral'] };
    const ops: LedgerOp[] = [];
    if (referredPoints > 0n) {
      const w = await tx.wallets(r.schemeId, program.referredAccountId, r.referredCustomerId);
      ops.push({ type: 'mint', accountId: w.accountId, walletId: w.customerWalletId, amount: referredPoints, code: 'referral_referred', ...tracking });
    }
    if (referrerPoints > 0n) {
      const w = await tx.wallets(r.schemeId, program.referrerAccountId, r.referrerCustomerId);
      ops.push({ type: 'mint', accountId: w.accountId, walletId: w.customerWalletId, amount: referrerPoints, code: 'referral_referrer', ...tracking });
    }
    if (ops.length > 0) await tx.post({ schemeId: r.schemeId, systemUniqueKey: `referral/${r.id}/reward`, requestHash: r.id, ops });
    const saleId = (event.payload as Partial<PurchasePayload>).uniqueId ?? null;
    return tx.qualified(r.id, { referrerPaid: referrerPoints, referredPaid: referredPoints, note, eventKey: event.key, saleId });
  });
}

/**
 * Takes both rewards back (keyed `referral/<id>/reversal`): each side's points
 * go back to issuance, all of them under `allow_negative`, what the balance
 * holds under `within_balance` (the rest recorded as shortfall).
 */
export function reverseReferral(store: ReferralStore, referralId: string, returnKey: string): Promise<Referral> {
  return store.transaction(async (tx) => {
    const r = await tx.lock(referralId);
    if (r.status !== 'QUALIFIED') return r;
    const policy = await tx.returnPolicy(r.schemeId);
    const program = await tx.program(r.programId);
    const sides = [
      { customerId: r.referredCustomerId, accountId: program.referredAccountId, paid: BigInt(r.referredPaid), code: 'referral_referred_reversal' },
      { customerId: r.referrerCustomerId, accountId: program.referrerAccountId, paid: BigInt(r.referrerPaid), code: 'referral_referrer_reversal' },
    ];
    const wallets = await Promise.all(sides.map((s) => tx.wallets(r.schemeId, s.accountId, s.customerId)));
    // Locked before reading the balances the policy decides on.
    const available = await tx.lockAvailable(r.schemeId, wallets.flatMap((w) => [w.customerWalletId, w.issuanceWalletId]));
    const ops: LedgerOp[] = [];
    const taken: bigint[] = [];
    let shortfall = 0n;
    sides.forEach((side, i) => {
      const w = wallets[i] as (typeof wallets)[number];
      const back = reversalOf(side.paid, available.get(w.customerWalletId) ?? 0n, policy);
      taken.push(back.amount);
      shortfall += back.shortfall;
      if (back.amount > 0n) {
        ops.push({ type: 'transfer', accountId: w.accountId, fromWalletId: w.customerWalletId, toWalletId: w.issuanceWalletId, amount: back.amount, allowOverdraft: policy === 'allow_negative', code: side.code, externalId: returnKey, description: `referral ${r.id} reversed`, tags: ['referral'] });
      }
    });
    if (ops.length > 0) await tx.post({ schemeId: r.schemeId, systemUniqueKey: `referral/${r.id}/reversal`, requestHash: r.id, ops });
    // The referrer's slot comes back only when the referrer was paid for this one.
    if (BigInt(r.referrerPaid) > 0n) await tx.releaseReferrerSlot(r.programId, r.referrerCustomerId);
    return tx.reversed(r.id, { referredReversed: String(taken[0]), referrerReversed: String(taken[1]), shortfall: shortfall.toString(), returnKey });
  });
}

/** No qualifying event before the deadline: the referral lapses and its code use is given back. */
export function expireReferral(store: ReferralStore, referralId: string): Promise<Referral> {
  return store.transaction(async (tx) => {
    const r = await tx.lock(referralId);
    return r.status === 'PENDING' ? tx.expired(r) : r;
  });
}

/** The qualifying sale's return window closed: nothing can reverse the referral any more. */
export function closeReferral(store: ReferralStore, referralId: string): Promise<Referral> {
  return store.transaction(async (tx) => {
    const r = await tx.lock(referralId);
    return r.status === 'QUALIFIED' && !r.closedAt ? tx.closed(r.id) : r;
  });
}

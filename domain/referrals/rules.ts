import type { HubEvent, PurchasePayload } from '../events/hub-event';
import type { ReturnPolicy } from '../returns/types';
import { BusinessRuleError } from '../errors';
import type { ReferralProgramInput, ReferralTerms } from './types';

/** A programme for an audience lets only its members refer (seed 004 `audienceId`). */
export const notInAudience = (path: string) => new BusinessRuleError("The referrer is not in the referral programme's audience", [{ path, message: 'audienceId' }]);

/** Why a programme cannot take a referral at `now`, or null when it can. */
export function programClosedReason(p: Pick<ReferralProgramInput, 'active' | 'validFromDate' | 'validToDate'>, now: Date): string | null {
  if (!p.active) return 'The referral programme is not active';
  if (p.validFromDate && now.getTime() < Date.parse(p.validFromDate)) return `The referral programme starts on ${p.validFromDate}`;
  if (p.validToDate && now.getTime() >= Date.parse(p.validToDate)) return `The referral programme ended on ${p.validToDate}`;
  return null;
}

export interface Person {
  id: string;
  email: string | null;
  phone: string | null;
}

/**
 * A referral of oneself: the same customer, or a second account with the
 * referrer's email or phone (stored normalised, so equality is enough).
 */
export function isSelfReferral(referrer: Person, referred: Person): boolean {
  if (referrer.id === referred.id) return true;
  if (referrer.email && referrer.email === referred.email) return true;
  return referrer.phone !== null && referrer.phone === referred.phone;
}

/** Whether an event is the one the referral waits for: its type, and for a purchase, the minimum total. */
export function qualifies(terms: Pick<ReferralTerms, 'eventType' | 'minPurchaseMinor'>, event: Pick<HubEvent, 'type' | 'payload'>): boolean {
  if (event.type !== terms.eventType) return false;
  if (event.type !== 'member-purchase-order-confirmed' || terms.minPurchaseMinor === null) return true;
  const total = (event.payload as Partial<PurchasePayload>).totalMinor;
  return typeof total === 'string' && BigInt(total) >= BigInt(terms.minPurchaseMinor);
}

/**
 * How much of a paid reward comes back on reversal. `allow_negative` takes it
 * all (the balance may go below zero); `within_balance` takes what is there
 * and records the rest as a shortfall, as returns do.
 */
export function reversalOf(paid: bigint, available: bigint, policy: ReturnPolicy): { amount: bigint; shortfall: bigint } {
  if (paid <= 0n) return { amount: 0n, shortfall: 0n };
  if (policy === 'allow_negative') return { amount: paid, shortfall: 0n };
  const amount = available <= 0n ? 0n : available < paid ? available : paid;
  return { amount, shortfall: paid - amount };
}

/** A programme's settings that cannot be stored as given. */
export function programProblems(p: ReferralProgramInput): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (p.validFromDate && p.validToDate && Date.parse(p.validFromDate) >= Date.parse(p.validToDate)) {
    problems.push({ path: 'body.validToDate', message: 'must be after validFromDate' });
  }
  if (p.minPurchaseMinor != null && p.eventType !== 'member-purchase-order-confirmed') {
    problems.push({ path: 'body.minPurchaseMinor', message: 'only applies to member-purchase-order-confirmed' });
  }
  if (p.referrerPointsAccrual === 0 && p.referredPointsAccrual === 0) {
    problems.push({ path: 'body.referrerPointsAccrual', message: 'a programme must reward at least one side' });
  }
  return problems;
}

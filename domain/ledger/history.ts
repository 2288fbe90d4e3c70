import { own } from '../own';
import type { Page } from '../pagination';

/**
 * A customer's points history, as a person reads it: one line per ledger
 * transfer touching their wallet, with a signed amount, why it happened and
 * the available balance after it. The reasons group the hub's transfer codes.
 */
export const pointsReasons = ['sale', 'return', 'hold', 'redemption', 'referral', 'mission', 'adjustment', 'expiry'] as const;
export type PointsReason = (typeof pointsReasons)[number];

const byCode: Record<string, PointsReason> = {
  earn: 'sale',
  earn_pending: 'sale',
  earn_activate: 'sale',
  redeem: 'redemption',
  hold: 'hold',
  hold_capture: 'hold',
  hold_void: 'hold',
  hold_expired: 'hold',
  return_deduct: 'return',
  return_readd: 'return',
  return_void_pending: 'return',
  return_expired: 'return',
  referral_referrer: 'referral',
  referral_referred: 'referral',
  referral_referrer_reversal: 'referral',
  referral_referred_reversal: 'referral',
  mission_reward: 'mission',
  mission_reward_reversal: 'mission',
  expiry: 'expiry',
};

/** Why a transfer happened; anything the hub did not post for a use case (ledger API mints, burns, partner awards) is an adjustment. */
export function reasonOf(code: string): PointsReason {
  return own(byCode, code) ?? 'adjustment';
}

/** The transfer codes of a reason, for filtering in the database (adjustment: every code not listed). */
export function codesOf(reason: PointsReason): { codes: string[]; except: boolean } {
  if (reason === 'adjustment') return { codes: Object.keys(byCode), except: true };
  return { codes: Object.entries(byCode).filter(([, r]) => r === reason).map(([c]) => c), except: false };
}

export interface HistoryQuery {
  accountId?: string;
  reason?: PointsReason;
  from?: string;
  to?: string;
  /** Only this transfer's line (with the balance after it): what an operation's answer reports. */
  transferId?: string;
  limit: number;
  cursor?: string;
}

export interface PointsHistoryPort {
  /** Newest first; the default points account unless `accountId`. */
  forCustomer(schemeId: string, customerId: string, q: HistoryQuery): Promise<Page<HistoryLine>>;
}

export interface HistoryLine {
  transferId: string;
  at: string;
  reason: PointsReason;
  code: string;
  /** The transfer's effect on the customer's points, signed (a pending earn counts, a release of a hold gives back). */
  amount: string;
  /** Its effect on what the customer can spend now. */
  availableChange: string;
  /** Available after it. */
  balance: string;
  status: string;
  description: string;
  externalId: string | null;
  accountId: string;
  /** Who posted a manual adjustment or top-up (an API key's id, or admin); null for what the hub posted itself. */
  actor: string | null;
}

/** A line's description: the one posted, else one from its reason and status (holds were posted without one). */
export function describe(line: { reason: PointsReason; code: string; status: string; description: string | null; externalId: string | null }): string {
  if (line.description) return line.description;
  const ref = line.externalId ? ` ${line.externalId}` : '';
  switch (line.code) {
    case 'hold':
      return `Points held${ref}`;
    case 'hold_capture':
      return `Held points redeemed${ref}`;
    case 'hold_void':
      return `Hold released${ref}`;
    case 'hold_expired':
      return `Hold expired${ref}`;
    case 'expiry':
      return 'Points expired';
    default:
      return `${line.reason[0]?.toUpperCase()}${line.reason.slice(1)}${ref}`;
  }
}

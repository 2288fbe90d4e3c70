import type { ReturnPolicy } from '../returns/types';

/** The qualifying events a programme may wait for (the seed's `eventType`). */
export const referralEventTypes = ['member-created', 'member-purchase-order-confirmed'] as const;
export type ReferralEventType = (typeof referralEventTypes)[number];

export const referralStatuses = ['PENDING', 'QUALIFIED', 'EXPIRED', 'REVERSED'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** The seed's default for `maxReferralsPerMember`: no limit. */
export const UNLIMITED = Number.MAX_SAFE_INTEGER;

export interface ReferralProgramInput {
  name: string;
  description?: string | null;
  pictureUrl?: string | null;
  code: string;
  active: boolean;
  validFromDate?: string | null;
  validToDate?: string | null;
  maxPerCode: number;
  maxReferralsPerMember: number;
  eventType: ReferralEventType;
  /** A purchase qualifies from this total (minor units); none when absent. */
  minPurchaseMinor?: number | null;
  referrerPointsAccrual: number;
  referredPointsAccrual: number;
  /** The points accounts paid into; the scheme's default account when absent. */
  referrerLedgerAccountId?: string | null;
  referredLedgerAccountId?: string | null;
  /** Only members of this audience may refer: hold codes, and have one used (judged then); anyone when absent. */
  audienceId?: string | null;
  /** How long a referred customer has to qualify. */
  qualifyWithinSeconds: number;
  /** Reverse both rewards when the qualifying sale is fully returned inside its return window. */
  reverseOnReturn: boolean;
  tags: string[];
  customAttributes: Record<string, unknown>;
}

export interface ReferralProgram extends ReferralProgramInput {
  id: string;
  schemeId: string;
  /** Always 1 here: a customer can be referred once per scheme, so one redeem per code. */
  maxRedeemsPerReferredMemberPerCode: number;
  referredCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReferralCode {
  id: string;
  programId: string;
  customerId: string;
  code: string;
  uses: number;
  createdAt: string;
}

/** The terms are copied onto the referral when it is made: later programme edits do not change a promise. */
export interface ReferralTerms {
  eventType: ReferralEventType;
  minPurchaseMinor: string | null;
  referrerPoints: string;
  referredPoints: string;
  reverseOnReturn: boolean;
}

export interface Referral {
  id: string;
  schemeId: string;
  programId: string;
  codeId: string;
  code: string;
  referrerCustomerId: string;
  referredCustomerId: string;
  status: ReferralStatus;
  terms: ReferralTerms;
  expiresAt: string;
  referrerPaid: string;
  referredPaid: string;
  /** Why the referrer got nothing although the referral qualified (its limit was reached). */
  note: string | null;
  qualifyingEventKey: string | null;
  qualifyingSaleId: string | null;
  qualifiedAt: string | null;
  closedAt: string | null;
  reversal: { referrerReversed: string; referredReversed: string; shortfall: string } | null;
  workflowId: string;
  createdAt: string;
}

export interface ReferralReportRow {
  referrerCustomerId: string;
  referredCount: number;
  qualifiedCount: number;
  pointsPaid: string;
}

export type { ReturnPolicy };

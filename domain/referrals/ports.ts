import type { HubEvent } from '../events/hub-event';
import type { OffsetPage } from '../ledger/views';
import type { Referral, ReferralCode, ReferralProgram, ReferralProgramInput, ReferralReportRow } from './types';

export interface OffsetRequest {
  page: number;
  limit: number;
}

/** Where a referral's workflow listens: the bus signals it with the referred customer's events. */
export interface ReferralListener {
  referralId: string;
  workflowId: string;
}

/**
 * Referral programmes, codes and referrals. Every limit is a database fact:
 * code uses and referrer rewards are conditional increments, one referral per
 * referred customer is a unique constraint, rewards are ledger postings keyed
 * by the referral.
 */
export interface ReferralRepository {
  createProgram(schemeId: string, input: ReferralProgramInput): Promise<ReferralProgram>;
  updateProgram(schemeId: string, id: string, input: ReferralProgramInput): Promise<ReferralProgram | null>;
  getProgram(schemeId: string, id: string): Promise<ReferralProgram | null>;
  listPrograms(schemeId: string, page: OffsetRequest): Promise<OffsetPage<ReferralProgram>>;
  /** Creates the given codes, or `count` generated ones, for a referrer. */
  createCodes(schemeId: string, programId: string, customerId: string, codes: string[] | null, count: number): Promise<ReferralCode[]>;
  listCodes(schemeId: string, programId: string, customerId: string | undefined, page: OffsetRequest): Promise<OffsetPage<ReferralCode>>;
  getCode(schemeId: string, programId: string, codeId: string): Promise<ReferralCode | null>;
  listReferred(schemeId: string, codeId: string, page: OffsetRequest): Promise<OffsetPage<Referral>>;
  report(schemeId: string, programId: string, page: OffsetRequest): Promise<OffsetPage<ReferralReportRow>>;

  /** An existing customer gives a code; a retry of the same attach answers the same referral. */
  attach(schemeId: string, referredCustomerId: string, code: string): Promise<Referral>;
  forCustomer(schemeId: string, customerId: string): Promise<Referral | null>;
  get(referralId: string): Promise<Referral | null>;
  /** The open referrals an event of this customer must reach. */
  listeners(schemeId: string, customerId: string): Promise<ReferralListener[]>;
  /** Pays both sides in one atomic ledger set; a repeat answers the paid referral. */
  reward(referralId: string, event: HubEvent): Promise<Referral>;
  /** The deadline passed without a qualifying event: frees the code use. */
  expire(referralId: string): Promise<Referral>;
  /** The qualifying sale came back: both rewards are taken back, per the scheme's return policy. */
  reverse(referralId: string, returnKey: string): Promise<Referral>;
  /** The return window of the qualifying sale closed: the referral is final. */
  close(referralId: string): Promise<Referral>;
}

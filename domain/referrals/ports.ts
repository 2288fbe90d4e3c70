import type { LedgerRequest, LedgerResult } from '../ledger/operations';
import type { Page, PageRequest } from '../pagination';
import type { ReturnPolicy } from '../returns/types';
import type { Referral, ReferralCode, ReferralProgram, ReferralProgramInput, ReferralReportRow, ReferralTerms } from './types';
import type { Person } from './rules';

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
  listPrograms(schemeId: string, page: PageRequest): Promise<Page<ReferralProgram>>;
  /** Creates the given codes, or `count` generated ones, for a referrer. */
  createCodes(schemeId: string, programId: string, customerId: string, codes: string[] | null, count: number): Promise<ReferralCode[]>;
  listCodes(schemeId: string, programId: string, customerId: string | undefined, page: PageRequest): Promise<Page<ReferralCode>>;
  getCode(schemeId: string, programId: string, codeId: string): Promise<ReferralCode | null>;
  listReferred(schemeId: string, codeId: string, page: PageRequest): Promise<Page<Referral>>;
  report(schemeId: string, programId: string, page: PageRequest): Promise<Page<ReferralReportRow>>;

  /** An existing customer gives a code; a retry of the same attach answers the same referral. */
  attach(schemeId: string, referredCustomerId: string, code: string): Promise<Referral>;
  forCustomer(schemeId: string, customerId: string): Promise<Referral | null>;
  get(referralId: string): Promise<Referral | null>;
  /** The open referrals an event of this customer must reach. */
  listeners(schemeId: string, customerId: string): Promise<ReferralListener[]>;
}

/** A customer's wallet in an account, and the account's issuance wallet. */
export interface SideWallets {
  accountId: string;
  customerWalletId: string;
  issuanceWalletId: string;
}

/** What a referral's payout reads and writes, inside one transaction (`domain/referrals/payout.ts` decides). */
export interface ReferralTransaction {
  /** The referral, locked (its workflow's steps for one referral never interleave); 404 when unknown. */
  lock(referralId: string): Promise<Referral>;
  program(programId: string): Promise<{ maxReferralsPerMember: string; referrerAccountId: string | null; referredAccountId: string | null }>;
  /** Takes one of the referrer's rewarded slots by a conditional upsert against the programme's cap: false past it. */
  claimReferrerSlot(programId: string, customerId: string, max: string): Promise<boolean>;
  releaseReferrerSlot(programId: string, customerId: string): Promise<void>;
  /** The customer's wallet (created on first use) in the account, or the scheme's default account. */
  wallets(schemeId: string, accountId: string | null, customerId: string): Promise<SideWallets>;
  /** Locks the wallets (id order) and reads what is available in each. */
  lockAvailable(schemeId: string, walletIds: string[]): Promise<Map<string, bigint>>;
  returnPolicy(schemeId: string): Promise<ReturnPolicy>;
  post(req: LedgerRequest): Promise<LedgerResult>;
  qualified(referralId: string, paid: { referrerPaid: bigint; referredPaid: bigint; note: string | null; eventKey: string; saleId: string | null }): Promise<Referral>;
  reversed(referralId: string, reversal: { referredReversed: string; referrerReversed: string; shortfall: string; returnKey: string }): Promise<Referral>;
  /** EXPIRED, and the code's use given back. */
  expired(referral: Referral): Promise<Referral>;
  closed(referralId: string): Promise<Referral>;
}

export interface ReferralStore {
  transaction<T>(fn: (tx: ReferralTransaction) => Promise<T>): Promise<T>;
}

/**
 * What making a referral reads and writes, inside the caller's transaction:
 * the registration's (a refused code creates no customer) or its own
 * (`domain/referrals/attach.ts` decides). Limits are row facts: conditional
 * updates and unique constraints, never a read then a write.
 */
export interface AttachTransaction {
  code(schemeId: string, code: string): Promise<{ id: string; programId: string; customerId: string } | null>;
  /** The programme, share-locked: an edit waits for referrals made under its current terms. */
  program(programId: string): Promise<ReferralProgram>;
  /** Whether the member is in the audience now; false for an audience not of the scheme. */
  inAudience(schemeId: string, audienceId: string, customerId: string): Promise<boolean>;
  referralOf(schemeId: string, referredCustomerId: string): Promise<Referral | null>;
  hasPurchased(schemeId: string, customerId: string): Promise<boolean>;
  people(schemeId: string, ids: string[]): Promise<Array<Person & { status: string }>>;
  rewardedCount(programId: string, customerId: string): Promise<bigint>;
  /** One more use of the code, by a conditional update against the cap: false past it. */
  takeCodeUse(codeId: string, maxPerCode: number): Promise<boolean>;
  /** The referral, or null when the customer was referred meanwhile (the unique constraint decided the race). */
  insertReferral(r: { schemeId: string; programId: string; codeId: string; code: string; referrerCustomerId: string; referredCustomerId: string; terms: ReferralTerms; qualifyWithinSeconds: number; workflowId: string }): Promise<Referral | null>;
}

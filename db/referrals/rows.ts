import type { Referral, ReferralCode, ReferralProgram, ReferralTerms } from '../../domain/referrals/types';

/** Raw rows as node-postgres returns them: bigint as strings, timestamps as Dates. */
export interface ProgramRow {
  id: string;
  scheme_id: string;
  name: string;
  description: string | null;
  picture_url: string | null;
  code: string;
  active: boolean;
  valid_from: Date | null;
  valid_to: Date | null;
  max_per_code: number;
  max_referrals_per_member: string;
  event_type: string;
  min_purchase_minor: string | null;
  referrer_points: string;
  referred_points: string;
  referrer_account_id: string | null;
  referred_account_id: string | null;
  audience_id: string | null;
  qualify_within_seconds: number;
  reverse_on_return: boolean;
  tags: string[];
  custom_attributes: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  referred_count?: string;
}

export interface CodeRow {
  id: string;
  program_id: string;
  customer_id: string;
  code: string;
  uses: number;
  created_at: Date;
}

export interface ReferralRow {
  id: string;
  scheme_id: string;
  program_id: string;
  code_id: string;
  code?: string;
  referrer_customer_id: string;
  referred_customer_id: string;
  status: Referral['status'];
  terms: ReferralTerms;
  expires_at: Date;
  referrer_paid: string;
  referred_paid: string;
  note: string | null;
  qualifying_event_key: string | null;
  qualifying_sale_id: string | null;
  qualified_at: Date | null;
  closed_at: Date | null;
  reversal: Referral['reversal'];
  workflow_id: string;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const num = (s: string) => Number(s);

export function toProgram(r: ProgramRow): ReferralProgram {
  return {
    id: r.id,
    schemeId: r.scheme_id,
    name: r.name,
    description: r.description,
    pictureUrl: r.picture_url,
    code: r.code,
    active: r.active,
    validFromDate: iso(r.valid_from),
    validToDate: iso(r.valid_to),
    maxPerCode: r.max_per_code,
    maxReferralsPerMember: num(r.max_referrals_per_member),
    maxRedeemsPerReferredMemberPerCode: 1,
    eventType: r.event_type as ReferralProgram['eventType'],
    minPurchaseMinor: r.min_purchase_minor === null ? null : num(r.min_purchase_minor),
    referrerPointsAccrual: num(r.referrer_points),
    referredPointsAccrual: num(r.referred_points),
    referrerLedgerAccountId: r.referrer_account_id,
    referredLedgerAccountId: r.referred_account_id,
    audienceId: r.audience_id,
    qualifyWithinSeconds: r.qualify_within_seconds,
    reverseOnReturn: r.reverse_on_return,
    tags: r.tags,
    customAttributes: r.custom_attributes,
    referredCount: Number(r.referred_count ?? 0),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function toCode(r: CodeRow): ReferralCode {
  return { id: r.id, programId: r.program_id, customerId: r.customer_id, code: r.code, uses: r.uses, createdAt: new Date(r.created_at).toISOString() };
}

export function toReferral(r: ReferralRow): Referral {
  return {
    id: r.id,
    schemeId: r.scheme_id,
    programId: r.program_id,
    codeId: r.code_id,
    code: r.code ?? '',
    referrerCustomerId: r.referrer_customer_id,
    referredCustomerId: r.referred_customer_id,
    status: r.status,
    terms: r.terms,
    expiresAt: new Date(r.expires_at).toISOString(),
    referrerPaid: String(r.referrer_paid),
    referredPaid: String(r.referred_paid),
    note: r.note,
    qualifyingEventKey: r.qualifying_event_key,
    qualifyingSaleId: r.qualifying_sale_id,
    qualifiedAt: iso(r.qualified_at),
    closedAt: iso(r.closed_at),
    reversal: r.reversal,
    workflowId: r.workflow_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** A referral row with its code's text, as every read answers it. */
export const referralSelect = 'select r.*, c.code from referrals r join referral_codes c on c.id = r.code_id';

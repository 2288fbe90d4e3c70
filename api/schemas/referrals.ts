import { z } from 'zod';
import { MAX_POINTS, PageQuery, PointsSetting, PointsString } from './common';
import { CODE_PATTERN } from '../../domain/referrals/codes';
import { referralEventTypes, referralStatuses, UNLIMITED } from '../../domain/referrals/types';

const points = z.number().int().min(0).max(MAX_POINTS);
const code = z.string().trim().toUpperCase().regex(CODE_PATTERN, 'must be 4-32 letters, digits or inner dashes');
const when = z.iso.datetime({ offset: true });

export const ReferralProgramBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
    pictureUrl: z.url().max(1000).nullable().optional(),
    code: code.meta({ description: "The programme's own code, unique in the scheme" }),
    active: z.boolean(),
    validFromDate: when.nullable().optional(),
    validToDate: when.nullable().optional(),
    maxPerCode: z.number().int().min(1).max(1_000_000).meta({ description: 'How many customers one code can refer' }),
    maxReferralsPerMember: z.number().int().min(1).max(UNLIMITED).default(UNLIMITED).meta({ description: 'How many referrals one referrer is rewarded for (seed default: unlimited)' }),
    maxRedeemsPerReferredMemberPerCode: z.literal(1).optional().meta({ description: 'Always 1: a customer is referred once per scheme' }),
    eventType: z.enum(referralEventTypes),
    minPurchaseMinor: points.nullable().optional().meta({ description: 'member-purchase-order-confirmed only: the smallest qualifying sale total, in minor units' }),
    referrerPointsAccrual: PointsSetting.default(0).meta({ description: 'Points for the referrer (number or decimal string; answered as a string)' }),
    referredPointsAccrual: PointsSetting.default(0),
    audienceId: z.uuid().nullable().optional().meta({ description: "Only members of this audience may refer: codes are made for them, and a code is taken only while its holder is one; anyone when absent" }),
    referrerLedgerAccountId: z.uuid().nullable().optional().meta({ description: "Paid into this points account; default: the scheme's default account" }),
    referredLedgerAccountId: z.uuid().nullable().optional(),
    qualifyWithinSeconds: z.number().int().min(1).max(366 * 86_400).default(30 * 86_400).meta({ description: 'How long a referred customer has to qualify (default 30 days)' }),
    reverseOnReturn: z.boolean().default(true).meta({ description: "Reverse both rewards if the qualifying sale is fully returned inside its return window" }),
    tags: z.array(z.string().max(100)).max(50).default([]),
    customAttributes: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .meta({ id: 'ReferralProgramInput' });

export const ReferralProgramView = ReferralProgramBody.omit({ maxRedeemsPerReferredMemberPerCode: true })
  .extend({
    id: z.uuid(),
    schemeId: z.uuid(),
    maxRedeemsPerReferredMemberPerCode: z.number().int(),
    referrerPointsAccrual: PointsString,
    referredPointsAccrual: PointsString,
    referredCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ReferralProgram' });

export const CreateCodesBody = z
  .object({
    customerId: z.uuid().meta({ description: 'The referrer' }),
    codes: z.array(code).min(1).max(20).optional().meta({ description: 'Codes of your choosing; without them one unguessable code is generated' }),
    count: z.number().int().min(1).max(20).default(1).meta({ description: 'How many codes to generate when `codes` is absent' }),
  })
  .strict();

export const ReferralCodeView = z
  .object({ id: z.uuid(), programId: z.uuid(), customerId: z.uuid(), code: z.string(), uses: z.number().int(), createdAt: z.iso.datetime() })
  .meta({ id: 'ReferralCode' });

export const ReferralView = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    code: z.string(),
    referrerCustomerId: z.uuid(),
    referredCustomerId: z.uuid(),
    status: z.enum(referralStatuses),
    terms: z.object({ eventType: z.enum(referralEventTypes), minPurchaseMinor: z.string().nullable(), referrerPoints: z.string(), referredPoints: z.string(), reverseOnReturn: z.boolean() }),
    expiresAt: z.iso.datetime(),
    referrerPaid: z.string(),
    referredPaid: z.string(),
    note: z.string().nullable(),
    qualifyingEventKey: z.string().nullable(),
    qualifyingSaleId: z.string().nullable(),
    qualifiedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    reversal: z.object({ referrerReversed: z.string(), referredReversed: z.string(), shortfall: z.string() }).passthrough().nullable(),
    workflowId: z.string(),
    createdAt: z.iso.datetime(),
  })
  .passthrough()
  .meta({ id: 'Referral' });

export const ReferralReportRowView = z
  .object({ referrerCustomerId: z.uuid(), referredCount: z.number().int(), qualifiedCount: z.number().int(), pointsPaid: z.string() })
  .meta({ id: 'ReferralReportRow' });

export const CodesQuery = PageQuery.extend({ customerId: z.uuid().optional() });
export const CodeParams = z.object({ id: z.uuid(), codeId: z.uuid() });
export const ReferBody = z.object({ code }).strict();

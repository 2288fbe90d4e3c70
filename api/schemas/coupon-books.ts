import { z } from 'zod';
import { bookStatuses } from '../../domain/coupon-books/book';
import { couponTypes } from '../../domain/transactions/ports';
import { optionalRule, PageQuery } from './common';

const when = z.iso.datetime({ offset: true });
const key = z.string().regex(/^[\w.:#/-]{1,200}$/, 'must be 1-200 letters, digits or . _ : # / -');
const code = z.string().regex(/^[A-Za-z0-9-]{4,64}$/, 'must be 4-64 letters, digits or dashes');
const attributes = z.record(z.string(), z.unknown()).default({}).meta({ description: 'Kept with the usage' });
const condition = optionalRule(
  'JSON Logic over the member (id, status, createdAt, tier {id, name}, balance, held), e.g. {">=":[{"var":"balance"},500]}; checked at assignment and use',
);

/** The seed's book fields the hub keeps (Coupon Books, create/update); locales, content schemas and points prices are left out. */
export const CouponBookBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().default(null),
    externalId: z.string().max(255).nullable().default(null),
    tags: z.array(z.string().min(1).max(100)).max(50).default([]),
    tiers: z.array(z.uuid()).max(50).default([]).meta({ description: "Tier ids whose members may have and use the codes; empty: every member" }),
    audienceKeys: z.array(z.string().min(1).max(100)).max(50).default([]).meta({ description: "Audience keys: the codes go to members of at least one (a key no audience has admits nobody); empty: every member" }),
    condition,
    discountType: z.enum(couponTypes),
    discountAmount: z.number().int().min(0).max(1_000_000_000).meta({ description: 'Minor units for amount_off, percent for percent_off; applied by the till' }),
    publishingStatus: z.enum(bookStatuses),
    validFromDate: when.nullable().default(null),
    validToDate: when.nullable().default(null),
    maxAssignedPerMember: z.number().int().min(1).max(1_000_000).nullable().default(null),
    maxCouponCount: z.number().int().min(0).max(10_000_000).nullable().default(null),
  })
  .strict()
  .refine((b) => !b.validFromDate || !b.validToDate || b.validFromDate <= b.validToDate, { message: 'validFromDate must not be after validToDate', path: ['validToDate'] })
  .meta({ id: 'CouponBookInput' });

export const CouponBookView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    externalId: z.string().nullable(),
    tags: z.array(z.string()),
    tiers: z.array(z.string()),
    audienceKeys: z.array(z.string()),
    condition: z.record(z.string(), z.unknown()).nullable(),
    discountType: z.enum(couponTypes),
    discountAmount: z.number().int(),
    publishingStatus: z.enum(bookStatuses),
    validFromDate: z.string().nullable(),
    validToDate: z.string().nullable(),
    maxAssignedPerMember: z.number().int().nullable(),
    maxCouponCount: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CouponBook' });

export const CouponBookEnvelope = z.object({ couponBook: CouponBookView }).meta({ id: 'CouponBookEnvelope' });

export const CouponBookListQuery = PageQuery.extend({ status: z.enum(bookStatuses).optional(), tags: z.string().max(100).optional().meta({ description: 'Books with this tag' }) });

export const CodesBody = z
  .object({
    codes: z.array(code).min(1).max(1000).optional().meta({ description: 'Codes to add (all or none: one the scheme already has is a 409)' }),
    generate: z.number().int().min(1).max(1000).optional().meta({ description: 'Or: how many codes to generate' }),
  })
  .strict()
  .refine((b) => (b.codes === undefined) !== (b.generate === undefined), { message: 'exactly one of codes or generate is required', path: ['codes'] })
  .meta({ id: 'AddCouponCodes' });

export const CodesView = z.object({ codes: z.array(z.string()) }).meta({ id: 'AddedCouponCodes' });

export const CouponCodeView = z
  .object({
    code: z.string(),
    couponBookId: z.uuid(),
    memberId: z.uuid().nullable(),
    assignedAt: z.string().nullable(),
    validTo: z.string().nullable().meta({ description: "The member's code expires then (the assignment's expiredAt)" }),
    usedAt: z.string().nullable(),
    usedBy: z.string().nullable().meta({ description: "The sale's uniqueId, or book-use:<systemUniqueKey>" }),
  })
  .meta({ id: 'CouponCode' });

export const AssignBody = z
  .object({
    memberId: z.uuid().meta({ description: 'The hub customer id' }),
    systemUniqueKeys: z.array(key).min(1).max(100).meta({ description: 'One per code: the same keys answer the same assignment again; a key of another request is 409' }),
    numberOfCodes: z.number().int().min(1).max(100).optional().meta({ description: 'How many codes (default: as many as systemUniqueKeys)' }),
    codes: z
      .array(code)
      .min(1)
      .max(100)
      .refine((c) => new Set(c).size === c.length, 'codes must be distinct')
      .optional()
      .meta({ description: 'These codes of the book instead of any free ones' }),
    strictMode: z.boolean().default(false).meta({ description: 'Exactly numberOfCodes or nothing' }),
    amount: z.literal(1).default(1).meta({ description: 'Uses per code: the hub hands out single-use codes' }),
    expiredAt: when.optional().meta({ description: "When the member's codes expire (sooner than the book)" }),
    pendingCaptureLedgerTransactionId: z.string().max(255).optional(),
    customAttributes: attributes,
  })
  .strict()
  .refine((b) => !(b.codes && b.numberOfCodes !== undefined && b.numberOfCodes !== b.codes.length), { message: 'numberOfCodes must match codes', path: ['numberOfCodes'] })
  .meta({ id: 'AssignCouponCodes' });

export const UseBody = z
  .object({
    memberId: z.uuid(),
    systemUniqueKey: key.meta({ description: 'The same key answers the same use again' }),
    code,
    pendingCaptureLedgerTransactionId: z.string().max(255).optional().meta({ description: 'The ledger transaction (or sale) the use belongs to' }),
    customAttributes: attributes,
  })
  .strict()
  .meta({ id: 'UseCouponCode' });

export const CouponUsageView = z
  .object({
    id: z.uuid(),
    couponBookId: z.uuid(),
    code: z.string(),
    memberId: z.uuid(),
    kind: z.enum(['assign', 'use']),
    systemUniqueKey: z.string(),
    ledgerTransactionId: z.string().nullable(),
    customAttributes: z.record(z.string(), z.unknown()),
    expiresAt: z.string().nullable(),
    revertedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CouponUsage' });

export const UsagesEnvelope = z.object({ couponUsages: z.array(CouponUsageView) }).meta({ id: 'CouponUsages' });
export const UsageEnvelope = z.object({ couponUsage: CouponUsageView }).meta({ id: 'CouponUsageEnvelope' });

export const MemberBookView = CouponBookView.extend({ held: z.number().int(), used: z.number().int(), outOfStock: z.boolean() }).meta({ id: 'MemberCouponBook' });
export const MemberCouponsQuery = PageQuery.extend({ couponBookId: z.uuid().optional(), notUsedOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
export const MemberCountsQuery = z.object({ validFromDate: when.optional(), validToDate: when.optional() });
export const MemberCountsView = z.object({ amountUsed: z.number().int(), amountAssigned: z.number().int() }).meta({ id: 'CouponUsageCounts' });

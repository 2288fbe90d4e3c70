import { z } from 'zod';
import { MAX_AMOUNT } from '../../domain/ledger/amount';
import { MAX_POINTS, PointsString } from './common';

const UniqueId = z.string().regex(/^[\w.:#/-]{1,200}$/, 'must be 1-200 letters, digits or . _ : # / -');

/** Signed points: positive adds, negative deducts; an integer number or decimal string, never 0. */
const SignedPoints = z
  .union([z.number().int().min(-MAX_POINTS).max(MAX_POINTS), z.string().regex(/^-?[1-9]\d{0,13}$/, 'must be a whole number of points, digits with an optional minus')])
  // Zod runs refinements even after the union refused the value: parse only integers.
  .refine((v) => /^-?\d+$/.test(String(v)) && BigInt(v) !== 0n && (BigInt(v) < 0n ? -BigInt(v) : BigInt(v)) <= MAX_AMOUNT, `must be a non-zero whole number between -${MAX_AMOUNT} and ${MAX_AMOUNT}`)
  .transform((v) => BigInt(v));

export const AdjustmentBody = z
  .object({
    points: SignedPoints.meta({ description: 'Positive adds, negative deducts (never below zero)' }),
    reason: z.string().trim().min(1).max(500).meta({ description: "Why: shown in the customer's points history" }),
    uniqueId: UniqueId.optional().meta({ description: 'Makes the request exactly once: the same uniqueId answers the first adjustment again' }),
  })
  .strict()
  .meta({ id: 'PointsAdjustment' });

export const AdjustmentView = z
  .object({
    transactionId: z.uuid().meta({ description: 'The ledger transfer (in the points history as reason adjustment)' }),
    customerId: z.uuid(),
    points: PointsString,
    reason: z.string(),
    available: PointsString.meta({ description: 'Available points when answered' }),
    createdAt: z.string(),
  })
  .meta({ id: 'PointsAdjustmentResult' });

export const LoyaleTopUpBody = z
  .object({
    customerBarcode: z.string().min(1).max(64).optional(),
    customerId: z.uuid().optional(),
    uniqueId: UniqueId.meta({ description: "The till's id of the top-up: the same uniqueId is posted once" }),
    points: z.number().int().positive().max(MAX_POINTS).optional().meta({ description: 'Points to add; or value with giftCardCode for stored value' }),
    value: z.number().positive().optional().meta({ description: "Stored value to add, in the scheme's currency (e.g. 25.00; no more decimals than it has), onto giftCardCode" }),
    giftCardCode: z.string().regex(/^[A-Za-z0-9-]{4,64}$/).optional().meta({ description: 'The gift card holding the stored value: issued by the scheme; its first top-up makes the customer its holder' }),
    description: z.string().trim().min(1).max(500).optional(),
    outletId: z.uuid().optional(),
    receiptNumber: z.string().max(100).optional(),
    date: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((b) => (b.customerBarcode === undefined) !== (b.customerId === undefined), { message: 'exactly one of customerBarcode or customerId is required', path: ['customerBarcode'] })
  .refine((b) => (b.points === undefined) !== (b.value === undefined), { message: 'exactly one of points or value is required', path: ['points'] })
  .refine((b) => (b.value === undefined) === (b.giftCardCode === undefined), { message: 'value goes with giftCardCode, and only with it', path: ['giftCardCode'] })
  .meta({ id: 'LoyaleTopUp' });

export const LoyaleTopUpView = z
  .object({
    customerId: z.uuid(),
    uniqueId: z.string(),
    status: z.literal('COMPLETED'),
    transactionId: z.uuid(),
    pointsAdded: z.number().int().optional(),
    pointsBefore: z.number().int().optional(),
    pointsAfter: z.number().int().optional(),
    giftCardCode: z.string().optional(),
    valueAdded: z.number().optional().meta({ description: "Stored value added, in the scheme's currency" }),
    valueBefore: z.number().optional(),
    valueAfter: z.number().optional().meta({ description: 'The card just after this top-up (a repeat answers the same)' }),
  })
  .meta({ id: 'LoyaleTopUpResult' });

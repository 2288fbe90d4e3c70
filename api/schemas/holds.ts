import { z } from 'zod';
import { SaleLines, SalePayments } from './sales';
import { PointsValue } from './common';

export const HoldBody = z
  .object({
    customerBarcode: z.string().min(1).max(64).optional(),
    customerId: z.uuid().optional(),
    outletId: z.uuid(),
    uniqueId: z.string().regex(/^[\w.:#/-]{1,200}$/, 'must be 1-200 letters, digits or . _ : # / -').optional(),
    points: PointsValue.optional(),
    amount: z.number().positive().optional().meta({ description: 'Currency amount, converted to points at the redemption rate (rounded up)' }),
    expiresInSeconds: z.number().int().min(1).max(86_400).default(900).meta({ description: 'Default 15 minutes; at most a day' }),
  })
  .strict()
  .refine((b) => (b.customerBarcode === undefined) !== (b.customerId === undefined), { message: 'exactly one of customerBarcode or customerId is required', path: ['customerBarcode'] })
  .refine((b) => (b.points === undefined) !== (b.amount === undefined), { message: 'exactly one of points or amount is required', path: ['points'] })
  .meta({ id: 'CreateHold' });

export const RedeemBody = z
  .object({
    points: PointsValue.optional(),
    lineItems: SaleLines.optional().meta({ description: 'Complete the sale in this step (the held points pay first)' }),
    paymentMethods: SalePayments.optional(),
  })
  .strict()
  .meta({ id: 'RedeemHold' });

export const HoldParams = z.object({ holdId: z.string().regex(/^[\w.:#/-]{1,200}$/) });

export const HoldViewSchema = z
  .object({
    holdId: z.string(),
    status: z.enum(['PLACING', 'HELD', 'REDEEMING', 'REDEEMED', 'REMOVING', 'REMOVED', 'EXPIRING', 'EXPIRED']),
    customerId: z.uuid().nullable(),
    pointsHeld: z.string(),
    pointsRedeemed: z.string(),
    availableBefore: z.string().nullable(),
    availableAfter: z.string().nullable(),
    expiresAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Hold' });

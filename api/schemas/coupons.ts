import { z } from 'zod';
import { couponTypes } from '../../domain/transactions/ports';

export const CouponBody = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9-]{4,64}$/, 'must be 4-64 letters, digits or dashes').optional(),
    type: z.enum(couponTypes),
    value: z.number().int().min(0).max(1_000_000_000).meta({ description: 'Minor units for amount_off, percent for percent_off; applied by the till' }),
    customerId: z.uuid().optional().meta({ description: 'Only this customer may use it' }),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validTo: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .meta({ id: 'CreateCoupon' });

export const CouponParams = z.object({ code: z.string().regex(/^[A-Za-z0-9-]{4,64}$/) });

export const CouponView = z
  .object({ code: z.string(), type: z.string(), value: z.number().int(), customerId: z.uuid().nullable(), validFrom: z.string().nullable(), validTo: z.string().nullable(), usedAt: z.string().nullable(), usedBy: z.string().nullable() })
  .meta({ id: 'Coupon' });

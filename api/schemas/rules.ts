import { z } from 'zod';

/** A scheme's point rules: how sales earn and redeem. */
const rate = z.union([z.number().int().min(0).safe(), z.string().regex(/^\d{1,12}$/)]).transform(String);
export const RulesBody = z
  .object({
    earnPerUnit: rate.meta({ description: 'Points per whole currency unit spent (25.00 × 6 = 150)' }),
    redeemPointsPerUnit: rate.meta({ description: 'Points that pay one whole currency unit with Loyale Redemption' }),
    overrides: z
      .array(
        z
          .object({
            match: z.enum(['sku', 'vendor', 'category']),
            value: z.string().min(1).max(200),
            earnPerUnit: rate,
            pointsPerItem: rate.optional().meta({ description: 'SKU overrides only: points per item bought, whatever its price, on top of the rate (Loyalty+ UNIT check-ins)' }),
          })
          .strict()
          .refine((o) => o.pointsPerItem === undefined || o.match === 'sku', { message: 'pointsPerItem is for SKU overrides only', path: ['pointsPerItem'] }),
      )
      .max(500)
      .default([]),
    returnWindowSeconds: z
      .number()
      .int()
      .min(0)
      .max(366 * 86_400)
      .default(0)
      .meta({ description: "A sale's points stay pending this long (e.g. 1209600 = 14 days); a return inside the window voids them first. 0: available at once" }),
    returnPolicy: z
      .enum(['within_balance', 'allow_negative'])
      .default('within_balance')
      .meta({ description: 'When the points were already spent: deduct what is available and record the shortfall, or let the balance go below zero' }),
    expiryNoticeDays: z
      .number()
      .int()
      .min(0)
      .max(366)
      .default(30)
      .meta({ description: 'Points that will expire are announced (a points-expiring event per customer and date) this many days before; 0: no notice' }),
    tierWindowMonths: z
      .number()
      .int()
      .min(1)
      .max(120)
      .nullable()
      .default(12)
      .meta({ description: 'Tiers are measured on points earned in this many months, rolling (12 is the common case); null: lifetime' }),
  })
  .strict()
  .meta({ id: 'PointRules' });

import { z } from 'zod';
import { MAX_POINTS, Uuid } from './common';

/** The seed's Loyalty Tier body, with the hub's earn multiplier. */
export const TierBody = z
  .object({
    name: z.string().trim().min(1).max(200).meta({ description: 'Descriptive name for this level' }),
    active: z.boolean(),
    minRequiredPoints: z.union([z.number().int().min(0).max(MAX_POINTS), z.string().regex(/^\d{1,14}$/)]).transform(String).meta({ description: 'Accrual (points earned in the scheme window, tierWindowMonths) needed to reach the tier' }),
    tierOrder: z.number().int().min(0).max(10_000).meta({ description: 'Order between the tiers: of those reached, the highest order wins' }),
    customAttributes: z.record(z.string(), z.unknown()).default({}),
    pictureUrl: z.url().max(2000).nullable().default(null),
    isDefault: z.boolean().default(false).meta({ description: 'The tier of members who reach none (one per scheme)' }),
    earnMultiplierPercent: z.number().int().min(0).max(1000).default(100).meta({ description: "Hub field: a member's sales earn this share of the rules' points (150 = 1.5 ×)" }),
  })
  .strict()
  .meta({ id: 'TierInput' });

export const TierView = z
  .object({
    id: Uuid,
    name: z.string(),
    active: z.boolean(),
    minRequiredPoints: z.string(),
    tierOrder: z.number().int(),
    isDefault: z.boolean(),
    customAttributes: z.record(z.string(), z.unknown()),
    pictureUrl: z.string().nullable(),
    earnMultiplierPercent: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Tier' });

export const TierParams = z.object({ tierId: Uuid });

export const CustomerTierView = z
  .object({
    loyaltyTierId: Uuid.nullable(),
    tier: TierView.nullable(),
    source: z.enum(['accrual', 'manual']).meta({ description: 'accrual: reached by points earned; manual: set by hand (held until expiresAt)' }),
    expiresAt: z.iso.datetime().nullable(),
    accrual: z.string().meta({ description: 'Points earned in the window (the points accrual the tiers are measured on)' }),
    windowMonths: z.number().int().nullable().meta({ description: 'Rolling window in months; null: lifetime' }),
    nextTier: z.object({ tier: TierView, pointsNeeded: z.string() }).nullable(),
  })
  .meta({ id: 'CustomerTier' });

/** The seed's "set member tier": no tier id unassigns; an expiry holds the tier until then, when it is judged again. */
export const SetTierBody = z
  .object({
    loyaltyTierId: Uuid.nullable().optional().meta({ description: 'The tier; absent or null: no tier' }),
    expiresAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'Held until then, then judged on accrual again; absent: held until set again' }),
  })
  .strict();

export const TierChangeView = z
  .object({
    id: Uuid,
    fromTierId: Uuid.nullable(),
    toTierId: Uuid.nullable(),
    reason: z.string().meta({ description: 'accrual (a posting moved it), window (earned points left the window), manual, manual-expired' }),
    accrual: z.string().nullable(),
    changedAt: z.iso.datetime(),
  })
  .meta({ id: 'TierChange' });

/** Loyale's Level, read from a tier (the seed names Loyale's Level operations but not their body: this shape is the hub's reading). */
export const LoyaleLevelView = z
  .object({
    id: Uuid,
    name: z.string(),
    schemeId: Uuid,
    pointsThreshold: z.number().int(),
    order: z.number().int(),
    isDefault: z.boolean(),
    imageUrl: z.string().nullable(),
    multiplier: z.number().meta({ description: 'Earn multiplier (1.5 = 150 %)' }),
    active: z.boolean(),
  })
  .meta({ id: 'LoyaleLevel' });

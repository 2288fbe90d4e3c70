import { z } from 'zod';
import { BARCODE, E164, customerStatuses } from '../../domain/customer';
import { couponTypes } from '../../domain/transactions/ports';
import { Uuid } from './common';
import { LoyaleLevelView } from './tiers';

/*
 * Loyale's External POS reads (seed 000 names them, with no path or body): the
 * shapes follow Loyale's customer object as the hub's own Loyale client reads it
 * (adapters/loyale/openapi.yaml) — `barCode`, `phoneNumber`, `…Date` — with
 * points as JSON integers and money as major-unit numbers.
 */

const points = z.number().int().meta({ description: 'Points, a JSON integer' });
const money = z.number().meta({ description: 'Money in the scheme currency, major units' });

/** Exactly one way to name the customer, as a till has it to hand. */
export const UserInformationQuery = z
  .object({
    barcode: z.string().regex(BARCODE).optional().meta({ description: "The customer's card barcode" }),
    customerId: Uuid.optional(),
    email: z.email().max(320).optional(),
    phoneNumber: z.string().regex(E164, 'must be E.164, e.g. +35699123456').optional().meta({ description: 'E.164; URL-encode its + as %2B (a bare + in a query string reads as a space)' }),
  })
  .refine((q) => [q.barcode, q.customerId, q.email, q.phoneNumber].filter((v) => v !== undefined).length === 1, {
    message: 'exactly one of barcode, customerId, email or phoneNumber is required',
    path: ['barcode'],
  });

/** Loyale's customer object, read from the hub's customer. */
export const LoyaleCustomerView = z
  .object({
    id: Uuid,
    schemeId: Uuid,
    barCode: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    phoneNumber: z.string().nullable(),
    status: z.enum(customerStatuses),
    onHold: z.boolean().meta({ description: 'The account is on hold (the hub status BLOCKED): it can neither earn nor redeem' }),
    createdDate: z.iso.datetime(),
    updatedDate: z.iso.datetime(),
  })
  .meta({ id: 'LoyaleCustomer' });

export const LoyalePointBalanceSummary = z
  .object({
    available: points.meta({ description: 'Spendable now' }),
    pending: points.meta({ description: 'Earned inside a return window: spendable when it ends' }),
    held: points.meta({ description: 'Reserved by on-hold transactions' }),
    monetaryValue: money.meta({ description: 'What `available` pays with Loyale Redemption (rounded down)' }),
  })
  .meta({ id: 'LoyalePointBalanceSummary' });

export const LoyaleUserInformationView = LoyaleCustomerView.extend({
  pointBalance: LoyalePointBalanceSummary,
  level: LoyaleLevelView.nullable().meta({ description: "The customer's level; a scheme without tiers has one default level; null when the scheme's tiers give this customer none" }),
  storedValue: z
    .object({ reference: z.string(), balance: money })
    .nullable()
    .meta({ description: 'The stored value the customer holds: the first gift card their top-ups made theirs (reference = its code); null when they hold none' }),
}).meta({ id: 'LoyaleUserInformation' });

export const CouponInformationQuery = z.object({
  barcode: z.string().regex(/^[A-Za-z0-9-]{4,64}$/).meta({ description: "The coupon's barcode (its code), as a sale's `coupons` names it" }),
  customerId: Uuid.optional().meta({ description: 'Judge `usable` for this customer (an assigned coupon is usable only by its customer)' }),
});

export const LoyaleCouponView = z
  .object({
    barcode: z.string(),
    type: z.enum(couponTypes),
    value: z.number().meta({ description: 'amount_off: money (major units); percent_off: percent; free_item: as set' }),
    customerId: Uuid.nullable().meta({ description: 'The only customer who may use it; null: anyone' }),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    used: z.boolean(),
    usedDate: z.string().nullable(),
    usable: z.boolean().meta({ description: 'Whether a sale now (for `customerId`, when given) would accept it' }),
    reason: z.string().optional().meta({ description: 'Why it is not usable' }),
  })
  .meta({ id: 'LoyaleCouponInformation' });

export const UpdatedCustomersQuery = z.object({
  from: z.iso.datetime({ offset: true }).meta({ description: 'Customers updated at or after this instant (ISO 8601), inclusive' }),
  limit: z.coerce.number().int().min(1).max(500).default(200).meta({ description: 'At most this many, 1–500 (default 200)' }),
  cursor: z.string().min(1).max(500).optional().meta({ description: 'The X-Next-Cursor header of the previous answer' }),
});

export const LoyaleUpdatedCustomerView = LoyaleCustomerView.extend({
  points: points.meta({ description: "Available points in the scheme's default account now" }),
}).meta({ id: 'LoyaleUpdatedCustomer' });

export const CustomerIdParam = z.object({ customerId: Uuid });

export const LoyalePointBalanceView = z
  .object({
    customerId: Uuid,
    schemeId: Uuid,
    pointsValue: points.meta({ description: 'Available points (spendable now)' }),
    pending: points.meta({ description: 'Earned inside a return window' }),
    held: points.meta({ description: 'Reserved by on-hold transactions' }),
    monetaryValue: money.meta({ description: 'What pointsValue pays with Loyale Redemption (rounded down)' }),
    expiring: z.array(z.object({ points, date: z.string() })).meta({ description: 'The next dates points expire on, with how many' }),
  })
  .meta({ id: 'LoyalePointBalance' });

export const GainRateQuery = z.object({ customerId: Uuid.optional().meta({ description: "Apply this customer's level multiplier" }) });

export const LoyaleGainRateView = z
  .object({
    schemeId: Uuid,
    currency: z.string(),
    gainRate: z.number().meta({ description: 'Points per whole currency unit spent (the rules’ earnPerUnit)' }),
    redeemRate: z.number().meta({ description: 'Points that pay one whole currency unit with Loyale Redemption' }),
    levelMultiplier: z.number().meta({ description: "The customer's level multiplier (1 without a customer or level)" }),
    effectiveGainRate: z.number().meta({ description: 'gainRate × levelMultiplier' }),
    overrides: z
      .array(z.object({ match: z.enum(['sku', 'vendor', 'category']), value: z.string(), gainRate: z.number(), effectiveGainRate: z.number() }))
      .meta({ description: 'Point overrides: the most specific match wins (SKU, vendor, then the lowest category)' }),
  })
  .meta({ id: 'LoyaleGainRate' });

export const LoyaleSchemeView = z.object({ id: Uuid, name: z.string(), currency: z.string(), timeZone: z.string(), createdDate: z.iso.datetime() }).meta({ id: 'LoyaleScheme' });

export const LoyaleStoreView = z.object({ id: Uuid, schemeId: Uuid, name: z.string(), active: z.boolean(), createdDate: z.string() }).meta({ id: 'LoyaleStore' });

/** Loyale's lists are JSON arrays; when more follow, the answer's X-Next-Cursor header names where. */
export const LoyaleListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(1000).meta({ description: 'At most this many, 1–1000 (default 1000)' }),
  cursor: z.string().min(1).max(500).optional().meta({ description: 'The X-Next-Cursor header of the previous answer' }),
});

export const nextCursorHeader = z.object({
  'X-Next-Cursor': z.string().optional().meta({ description: 'Present when more follow: send it back as ?cursor=' }),
});

import { z } from 'zod';
import { E164 } from '../../domain/customer';
import { checkinModes } from '../../domain/pos/settings';
import { MAX_POINTS } from './common';
import { IdempotencyHeaders } from './customers';

/** Loyalty+ ids are strings (its own cuids); the hub's are UUIDs. */
const id = z.string().meta({ example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
const phone = z.string().regex(E164, 'must be an E.164 phone number such as +353123456789');
const points = z.number().int().meta({ description: 'Points, a JSON integer' });

/** Either the customer's phone or their id (seed: "Use 'phone' or 'customerId' to identify customer"). */
const customerRef = { phone: phone.optional(), customerId: z.uuid().optional() };
const oneCustomer = <T extends { phone?: string; customerId?: string }>(b: T) => (b.phone === undefined) !== (b.customerId === undefined);
const oneCustomerIssue = { message: 'exactly one of phone or customerId is required', path: ['phone'] };

export const CheckinBody = z
  .object({
    ...customerRef,
    storeId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: "A hub outlet's id (UUID; another scheme's or unknown: 404). Absent, or a store id the hub does not know (a Loyalty+ cuid): the scheme's default outlet (POS settings), or its only one; it stays in the stored request" }),
    amount: z.number().finite().positive().optional().meta({ description: 'SPEND mode: the amount spent (major units)' }),
    units: z.number().int().positive().max(10_000).optional().meta({ description: 'UNIT mode: the units bought' }),
  })
  .strict()
  .refine(oneCustomer, oneCustomerIssue)
  .meta({ id: 'LoyaltyPlusCheckin' });

export const CheckinResult = z
  .object({
    success: z.literal(true),
    customerId: id,
    pointsAwarded: points,
    totalPoints: points.meta({ description: 'Available points after the check-in (points pending in a return window are not counted)' }),
    rewardThreshold: points,
    rewardAvailable: z.boolean(),
  })
  .meta({ id: 'LoyaltyPlusCheckinResult' });

export const IdentifierParam = z.object({
  identifier: z.string().min(1).max(64).meta({ description: 'The customer id, or the phone number in E.164 (send + raw or as %2B)', example: '+353123456789' }),
});

export const PosCustomer = z
  .object({ customerId: id, name: z.string(), phone: z.string().nullable(), status: z.enum(['ACTIVE', 'BLOCKED']), totalPoints: points, rewardAvailable: z.boolean() })
  .meta({ id: 'LoyaltyPlusCustomer' });

export const PosBalance = z.object({ customerId: id, totalPoints: points }).meta({ id: 'LoyaltyPlusBalance' });

export const RedeemBody = z
  .object({ ...customerRef, points: z.number().int().positive().max(MAX_POINTS) })
  .strict()
  .refine(oneCustomer, oneCustomerIssue)
  .meta({ id: 'LoyaltyPlusRedeem' });

export const RedeemResult = z
  .object({ success: z.literal(true), redemptionId: id, pointsRedeemed: points, rewardTitle: z.string(), remainingPoints: points })
  .meta({ id: 'LoyaltyPlusRedeemResult' });

/** The hub's Idempotency-Key (as customer creates take it), at most 190 long: prefixed `pos:`, it is a uniqueId (≤ 200). */
export const PosIdempotencyHeaders = z.object({
  'idempotency-key': IdempotencyHeaders.shape['idempotency-key']
    .unwrap()
    .max(190)
    .optional()
    .meta({ description: 'Makes a retry the same operation; the same key with another body is a 409. Without it, identical requests within the scheme’s window are one (see the tag)' }),
});

/** A scheme's Loyalty+ POS settings (admin). */
export const PosSettingsBody = z
  .object({
    checkinMode: z.enum(checkinModes).meta({ description: 'SPEND: check-ins send amount; UNIT: they send units' }),
    unitSku: z.string().min(1).max(100).meta({ description: "UNIT mode: the SKU a check-in sells; give it pointsPerItem in the scheme's rules (an SKU override)" }),
    rewardThreshold: z.number().int().positive().max(MAX_POINTS).meta({ description: 'rewardAvailable from this many points' }),
    rewardTitle: z.string().trim().min(1).max(200).meta({ description: 'What a redemption answers as rewardTitle' }),
    defaultOutletId: z.uuid().nullable().meta({ description: "Where check-ins without storeId are booked; null: the scheme's only outlet" }),
    storeOutlets: z
      .record(z.string().min(1).max(100), z.uuid())
      .refine((m) => Object.keys(m).length <= 500, 'at most 500 stores')
      .default({})
      .meta({ description: "Loyalty+ store ids (storeId on a check-in) → the hub outlet it is booked at; each outlet must be the scheme's. An unmapped store id books at the default outlet" }),
    dedupWindowSeconds: z.number().int().min(10).max(3600).meta({ description: 'Identical requests without Idempotency-Key within this many seconds are one' }),
  })
  .strict()
  .meta({ id: 'PosSettings' });

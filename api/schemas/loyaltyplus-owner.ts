import { z } from 'zod';
import { customerStatuses, E164 } from '../../domain/customer';
import { MAX_OWNER_OFFSET, ownerSortFields } from '../../domain/customers/owner-directory';
import { MAX_POINTS } from './common';

/** Loyalty+'s owner API (seed 001 "Customer Management"): its shapes, points as JSON integers, ids the hub's UUIDs. */
/** A string, as Loyalty+'s cuids are: the hub answers its UUIDs. */
const id = z.string().meta({ example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
const points = z.number().int().meta({ description: 'Points, a JSON integer' });
const phone = z.string().regex(E164, 'must be an E.164 phone number such as +353123456789');
/** One name, split at its first space into the hub's first and last name (each at most 100). */
const name = z.string().trim().min(1).max(100).meta({ description: "The customer's name; the hub keeps it as first name (up to the first space) and last name (the rest)" });
const status = z.enum(customerStatuses);

export const OwnerCreateBody = z
  .object({
    name,
    phone,
    notes: z.string().trim().max(1000).optional().meta({ description: "Stored with the customer; no answer shows it (the seed's don't)" }),
    initialPoints: z.number().int().min(0).max(MAX_POINTS).optional().meta({ description: 'Posted once as an adjustment with the reason "Initial points"' }),
  })
  .strict()
  .meta({ id: 'LoyaltyPlusOwnerCreateCustomer' });

export const OwnerCreateResult = z
  .object({
    success: z.literal(true),
    customer: z.object({ id, name: z.string(), phone: z.string().nullable(), totalPoints: points.meta({ description: 'Available points when answered' }) }),
  })
  .meta({ id: 'LoyaltyPlusOwnerCreatedCustomer' });

export const OwnerListQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1).meta({ description: 'From 1' }),
    limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Customers per page, 1–100 (default 20)' }),
    search: z.string().trim().min(1).max(100).optional().meta({ description: 'Any part of the name, email, phone or barcode, any case' }),
    statusFilter: status.optional(),
    sortBy: z.enum(ownerSortFields).default('createdAt'),
    sortOrder: z.enum(['asc', 'desc']).default('desc'),
  })
  .refine((q) => q.page * q.limit <= MAX_OWNER_OFFSET, { message: `page × limit must be at most ${MAX_OWNER_OFFSET}: narrow the list with search or statusFilter`, path: ['page'] });

export const OwnerCustomerList = z
  .object({
    customers: z.array(z.object({ id, name: z.string(), phone: z.string().nullable(), status, totalPoints: points })),
    pagination: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int().meta({ description: 'Customers matching, over all pages' }) }),
  })
  .meta({ id: 'LoyaltyPlusOwnerCustomerList' });

export const OwnerCustomerDetails = z
  .object({
    customer: z.object({ id, name: z.string(), phone: z.string().nullable(), status }),
    pointsHistory: z
      .array(z.object({ delta: points.meta({ description: 'Signed: the effect on the points' }), reason: z.string().meta({ description: "The line's description: an adjustment's reason" }), at: z.iso.datetime() }))
      .meta({ description: 'The latest 50 lines of the points history, newest first' }),
    totalPoints: points,
  })
  .meta({ id: 'LoyaltyPlusOwnerCustomerDetails' });

export const OwnerUpdateBody = z
  .object({ name: name.optional(), phone: phone.optional(), status: status.optional().meta({ description: 'BLOCKED locks, ACTIVE unlocks' }) })
  .strict()
  .refine((b) => b.name !== undefined || b.phone !== undefined || b.status !== undefined, { message: 'send at least one of name, phone or status', path: ['name'] })
  .meta({ id: 'LoyaltyPlusOwnerUpdateCustomer' });

export const OwnerUpdateResult = z
  .object({ success: z.literal(true), customer: z.object({ id, name: z.string(), status }) })
  .meta({ id: 'LoyaltyPlusOwnerUpdatedCustomer' });

export const OwnerPointsBody = z
  .object({
    points: z
      .number()
      .int()
      .min(-MAX_POINTS)
      .max(MAX_POINTS)
      .refine((p) => p !== 0, 'must not be 0')
      .meta({ description: 'Positive adds, negative deducts (never below zero: 422)' }),
    reason: z.string().trim().min(1).max(500).meta({ description: "Why: shown in the customer's points history" }),
  })
  .strict()
  .meta({ id: 'LoyaltyPlusOwnerAdjustPoints' });

export const OwnerPointsResult = z
  .object({ success: z.literal(true), newBalance: points.meta({ description: 'Available points after it' }), adjustment: points })
  .meta({ id: 'LoyaltyPlusOwnerPointsAdjusted' });

export const OwnerDeleteResult = z.object({ success: z.literal(true), message: z.string() }).meta({ id: 'LoyaltyPlusOwnerDeletedCustomer' });

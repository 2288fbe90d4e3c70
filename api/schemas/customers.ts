import { z } from 'zod';
import { pointsReasons } from '../../domain/ledger/history';
import { BARCODE, customerStatuses, E164 } from '../../domain/customer';
import { PageQuery } from './common';
import { CODE_PATTERN } from '../../domain/referrals/codes';

const name = z.string().trim().min(1).max(100);
const email = z.email().max(320);
const phone = z.string().regex(E164, 'must be E.164, e.g. +35699123456');
const barcode = z.string().regex(BARCODE, 'must be 4-64 letters, digits or dashes');
/** An attribute's value: flat and scalar (the input also bounds its strings). */
const attributeValue = <S extends z.ZodString>(text: S) => z.union([text, z.number(), z.boolean(), z.null()]);
const customAttributes = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'keys are 1-64 letters, digits or underscores, starting with a letter'), attributeValue(z.string().max(500)))
  // Keys every object already has (constructor, toString, …) would read as set for every member in a JSON Logic rule.
  .refine((r) => Object.keys(r).every((k) => !(k in Object.prototype)), 'a key may not be a name every object has (constructor, toString, …)')
  .refine((r) => Object.keys(r).length <= 50, 'at most 50 attributes')
  .refine((r) => Buffer.byteLength(JSON.stringify(r)) <= 8192, 'at most 8 KB in all')
  .meta({ description: "The scheme's own facts about the member, flat and scalar (at most 50 and 8 KB in all; strings up to 500 characters); audience rules read them as customAttributes.<key>. Given on an edit, it replaces them as a whole", example: { favouriteStore: 'valletta', segment: 'student' } });

export const CreateCustomerBody = z
  .object({
    firstName: name.optional(),
    lastName: name.optional(),
    email: email.optional(),
    phone: phone.optional(),
    barcode: barcode.optional().meta({ description: 'Generated (13 digits, EAN-13 check digit) when absent' }),
    referralCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(CODE_PATTERN, 'must be 4-32 letters, digits or inner dashes')
      .optional()
      .meta({ description: "A referrer's code: the referral is made with the customer, or the registration is refused (409/422) and nothing is created" }),
    customAttributes: customAttributes.optional(),
  })
  .strict()
  .meta({ id: 'CreateCustomer' });

export const UpdateCustomerBody = z
  .object({
    firstName: name.nullable().optional(),
    lastName: name.nullable().optional(),
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    barcode: barcode.optional(),
    status: z.enum(customerStatuses).optional().meta({ description: 'BLOCKED to block, ACTIVE to unblock' }),
    customAttributes: customAttributes.optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'at least one field must be given')
  .meta({ id: 'UpdateCustomer' });

export const CustomerView = z
  .object({
    id: z.uuid(),
    schemeId: z.uuid(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    barcode: z.string(),
    status: z.enum(customerStatuses),
    customAttributes: z.record(z.string(), attributeValue(z.string())),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Customer' });

export const CustomerListQuery = PageQuery.extend({
  barcode: barcode.optional(),
  email: email.optional(),
  phone: phone.optional(),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\w.:-]{1,200}$/, 'must be 1-200 letters, digits, or . _ : -')
    .optional()
    .meta({ description: 'A retried create with the same key returns the first result' }),
});

const Expiring = z.object({ amount: z.string(), expiresAt: z.iso.datetime() }).meta({ id: 'ExpiringPoints' });

export const CustomerBalance = z.object({
  customerId: z.uuid(),
  ledgers: z.array(
    z.object({
      ledgerId: z.uuid(),
      accountId: z.uuid(),
      walletId: z.uuid(),
      available: z.string().meta({ description: 'Spendable now' }),
      pendingEarned: z.string().meta({ description: 'Earned by sales still inside their return window' }),
      held: z.string().meta({ description: 'Reserved by on-hold transactions' }),
      pending: z.string().meta({ description: 'held − pendingEarned (net pending)' }),
      posted: z.string(),
      expiring: z.array(Expiring).meta({ description: 'The next three dates on which points expire, with how many (empty when the account never expires)' }),
    }),
  ),
});

export const PointLotView = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    walletId: z.uuid(),
    transferId: z.uuid().nullable().meta({ description: 'The credit that formed the lot; null for the opening lot of a balance that predates the account expiry' }),
    amount: z.string(),
    remaining: z.string(),
    expired: z.string(),
    earnedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'PointLot' });

export const PointsHistoryQuery = PageQuery.extend({
  reason: z.enum(pointsReasons).optional().meta({ description: 'Only lines of this reason' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Lines at or after this instant' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Lines before this instant' }),
  accountId: z.uuid().optional().meta({ description: 'Another ledger account than the default points account' }),
});

export const PointsHistoryLine = z
  .object({
    transferId: z.uuid(),
    at: z.iso.datetime(),
    reason: z.enum(pointsReasons),
    code: z.string().meta({ description: "The ledger transfer's code (earn, redeem, hold, return_deduct, expiry, …)" }),
    amount: z.string().meta({ description: "Signed effect on the customer's points (a pending earn counts when earned; a released hold gives back)" }),
    availableChange: z.string().meta({ description: 'Signed effect on what the customer can spend now' }),
    balance: z.string().meta({ description: 'Available balance after this line' }),
    status: z.string(),
    description: z.string(),
    externalId: z.string().nullable().meta({ description: 'The sale, return or hold it belongs to' }),
    accountId: z.uuid(),
    actor: z.string().nullable().meta({ description: "Who posted a manual adjustment or a till's top-up (the API key's id, or admin); null for the hub's own postings" }),
  })
  .meta({ id: 'PointsHistoryLine' });

export const LotsQuery = PageQuery.extend({
  status: z.enum(['live', 'all']).default('live').meta({ description: 'live: lots with points left (default); all: spent and expired too' }),
});

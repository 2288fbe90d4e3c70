import { z } from 'zod';
import type { Dialect } from '../dialects';
import { ErrorBody } from './common';

const details = z.array(z.object({ path: z.string().optional(), message: z.string() }).passthrough()).optional();

/** Loyale's error (seed 002: `{"error": "<message>"}`), with the hub's code, details and request id beside it. */
export const LoyaleErrorBody = z
  .object({
    error: z.string().meta({ description: 'What went wrong, as Loyale says it' }),
    code: z.string().meta({ example: 'validation_failed' }),
    details,
    requestId: z.string().optional(),
  })
  .meta({ id: 'LoyaleError', description: "The error format at Loyale's paths (/api/…): the message in `error`, as Loyale's clients read it" });

/** Loyalty+'s error: its answers carry `success`, its clients read `error` (or `message`) as text. */
export const LoyaltyPlusErrorBody = z
  .object({
    success: z.literal(false),
    error: z.string().meta({ description: 'What went wrong' }),
    code: z.string().meta({ example: 'validation_failed' }),
    details,
    requestId: z.string().optional(),
  })
  .meta({ id: 'LoyaltyPlusError', description: "The error format at Loyalty+'s paths (/v1/pos/…, /v1/owner/…): success false, the message in `error`" });

/** The error schema of each dialect (api/dialects.ts `errorBody` writes them). */
export const errorSchemas: Record<Dialect, z.ZodType> = { hub: ErrorBody, loyale: LoyaleErrorBody, loyaltyplus: LoyaltyPlusErrorBody };

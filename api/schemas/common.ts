import { z } from 'zod';
import { MAX_AMOUNT } from '../../domain/ledger/amount';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      details: z.array(z.object({ path: z.string().optional(), message: z.string() }).passthrough()).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'The one error format of every endpoint' });

export const Uuid = z.uuid();

/** The largest points or minor-unit value the ledger posts, as a JSON number bound. */
export const MAX_POINTS = Number(MAX_AMOUNT);

/** Points a caller names: a positive safe integer or decimal string, at most the ledger's bound; carried on as a decimal string. */
export const PointsValue = z
  .union([z.number().int().positive().max(MAX_POINTS), z.string().regex(/^[1-9]\d{0,13}$/, 'must be a decimal string of digits')])
  // Zod runs refinements even after the union refused the value: parse only digits.
  .refine((v) => /^\d+$/.test(String(v)) && BigInt(v) <= MAX_AMOUNT, `must not exceed ${MAX_AMOUNT}`)
  .transform(String);

export const IdParam = z.object({ id: Uuid });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

/** A page by number (`?page=&limit=`), as Loyale's list endpoints answer. */
export function offsetPageOf<T extends z.ZodType>(item: T, id?: string) {
  const page = z.object({ totalCount: z.number().int(), page: z.number().int(), limit: z.number().int(), results: z.array(item) });
  return id ? page.meta({ id }) : page;
}

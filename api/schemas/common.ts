import { z } from 'zod';
import { MAX_AMOUNT } from '../../domain/ledger/amount';
import { matcherProblem } from '../../domain/missions/matcher';

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

/** Points in a /v1 answer: an integer as a decimal string, like every ledger amount (bigint in the database). */
export const PointsString = z.string().regex(/^-?\d{1,20}$/).meta({ description: 'Points: an integer as a decimal string' });

/** Points a setting names (a reward): a whole number 0..MAX_POINTS, as a number or as the decimal string an answer gave. */
export const PointsSetting = z
  .union([z.number().int().min(0).max(MAX_POINTS), z.string().regex(/^\d{1,14}$/, 'must be a whole number of points (digits only)')])
  .refine((v) => Number(v) <= MAX_POINTS, `must be at most ${MAX_POINTS}`)
  .transform(Number);

export const IdParam = z.object({ id: Uuid });

/** The one page-size rule of every list (docs/api.md, Conventions): `?limit=` 1–200, default 50, and the opaque `?cursor=` of the page before. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Items per page, 1–200 (default 50)' }),
  cursor: z.string().min(1).max(500).optional().meta({ description: "The previous page's nextCursor; absent for the first page" }),
});

/** The one page shape of every list: `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({ data: z.array(item), nextCursor: z.string().nullable().meta({ description: 'Pass as ?cursor= for the next page; null when this is the last' }) })
    .meta({ id });
}

/** A JSON Logic rule (jsonlogic.com), checked to evaluate when it is saved. */
export const jsonLogicRule = z.record(z.string(), z.unknown()).superRefine((rule, ctx) => {
  const problem = matcherProblem(rule);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The same, optional: null or absent is none. */
export const optionalRule = (description: string) => jsonLogicRule.nullable().default(null).meta({ description });

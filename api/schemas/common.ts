import { z } from 'zod';

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

export const IdParam = z.object({ id: Uuid });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

export const SchemeHeaders = z.object({
  'x-scheme': Uuid.meta({ description: 'The scheme (tenant) id' }),
  'x-apikey': z.string().meta({ description: 'An API key of that scheme' }),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

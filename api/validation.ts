import type { z } from 'zod';
import { ValidationError } from '../domain/errors';

/** Parses with a zod schema; failures become one ValidationError listing every issue. */
export function parse<T extends z.ZodType>(schema: T, data: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  throw new ValidationError(`Invalid ${where}`, result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  })));
}

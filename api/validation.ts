import type { z } from 'zod';
import { ValidationError } from '../domain/errors';

export type Issue = { path: string; message: string };

/** Parses with a zod schema; failures are listed as issues under `where` (`body.lineItems.0.quantity`). */
export function check<T extends z.ZodType>(schema: T, data: unknown, where: string, issues: Issue[]): z.infer<T> | undefined {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message });
  return undefined;
}

/** Parses with a zod schema; failures become one ValidationError listing every issue. */
export function parse<T extends z.ZodType>(schema: T, data: unknown, where: string): z.infer<T> {
  const issues: Issue[] = [];
  const parsed = check(schema, data, where, issues);
  if (issues.length > 0) throw new ValidationError(`Invalid ${where}`, issues);
  return parsed as z.infer<T>;
}

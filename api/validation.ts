import type { z } from 'zod';
import { ValidationError } from '../domain/errors';

export type Issue = { path: string; message: string };

/** The raw issue zod hands an error map: its code's fields, and the value it refused. */
type RawIssue = z.core.$ZodRawIssue;

const kinds: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  date: 'a date',
  null: 'null',
};

const formats: Record<string, string> = {
  uuid: 'must be a UUID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
  guid: 'must be a UUID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
  datetime: 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-01T10:00:00Z',
  date: 'must be a date, YYYY-MM-DD',
  email: 'must be an email address',
  url: 'must be an absolute URL, e.g. https://example.com/picture.png',
};

const listed = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
const items = (n: number | bigint) => `${n} item${Number(n) === 1 ? '' : 's'}`;

/**
 * What a caller reads in `details[].message`: what the value must be, in
 * words a person can act on, never zod's own wording ("Invalid input: expected
 * string, received number"). Used as zod's error map for request parsing, so a
 * message a schema gives itself (`.regex(re, 'must be …')`, a refinement's)
 * wins over this one: zod asks the map only when the schema says nothing.
 */
export function howToFix(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return `must be ${kinds[issue.expected] ?? issue.expected}, not null`;
      return `must be ${kinds[issue.expected] ?? issue.expected}`;
    case 'too_big': {
      const max = issue.maximum as number | bigint;
      if (issue.origin === 'string') return `must be at most ${max} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${items(max)}`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'too_small': {
      const min = issue.minimum as number | bigint;
      if (issue.origin === 'string') return Number(min) === 1 ? 'must not be empty' : `must be at least ${min} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${items(min)}`;
      return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${listed(issue.values)}` : `must be one of: ${listed(issue.values)}`;
    case 'invalid_format':
      if (issue.format === 'regex') return `must match the pattern ${issue.pattern ?? ''}`.trim();
      return formats[issue.format] ?? `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return 'is not allowed here (unknown field)';
    case 'invalid_union':
      return unionMessage(issue);
    case 'invalid_key':
      return 'has a key that is not allowed here';
    case 'invalid_element':
      return 'has a value that is not valid';
    default:
      return 'is not valid';
  }
}

/** A union: a discriminator's accepted values, or the alternatives' types ("must be a number or a string"). */
function unionMessage(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidUnion>): string {
  const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
  if (discriminator && options) return `must be one of: ${listed(options)}`;
  if (issue.input === undefined) return 'is required';
  const expected = [...new Set(issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [kinds[i.expected] ?? i.expected] : []))))];
  return expected.length > 0 ? `must be ${expected.join(' or ')}` : 'is not valid in any of the accepted forms';
}

/** zod's issue as the caller sees it: one detail per field, an unknown field named by its own path. */
function details(issue: z.core.$ZodIssue, where: string): Issue[] {
  const at = (path: readonly PropertyKey[]) => [where, ...path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: at([...issue.path, key]), message: issue.message }));
  return [{ path: at(issue.path), message: issue.message }];
}

/** Parses with a zod schema; failures are listed as issues under `where` (`body.lineItems.0.quantity`). */
export function check<T extends z.ZodType>(schema: T, data: unknown, where: string, issues: Issue[]): z.infer<T> | undefined {
  const result = schema.safeParse(data ?? {}, { error: howToFix });
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push(...details(issue, where));
  return undefined;
}

/** Parses with a zod schema; failures become one ValidationError listing every issue. */
export function parse<T extends z.ZodType>(schema: T, data: unknown, where: string): z.infer<T> {
  const issues: Issue[] = [];
  const parsed = check(schema, data, where, issues);
  if (issues.length > 0) throw new ValidationError(`Invalid ${where}`, issues);
  return parsed as z.infer<T>;
}

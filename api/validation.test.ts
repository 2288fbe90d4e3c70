import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { check, parse, type Issue } from './validation';

/** The messages a caller reads for each kind of zod issue: what to send instead, never zod's wording. */
const messages = (schema: z.ZodType, data: unknown): Issue[] => {
  const issues: Issue[] = [];
  check(schema, data, 'body', issues);
  return issues;
};
const one = (schema: z.ZodType, data: unknown) => messages(z.object({ f: schema }), { f: data });

describe('request validation messages', () => {
  it.each<[string, z.ZodType, unknown, string]>([
    ['invalid_type (missing)', z.string(), undefined, 'is required'],
    ['invalid_type (null)', z.string(), null, 'must be a string, not null'],
    ['invalid_type', z.string(), 1, 'must be a string'],
    ['invalid_type (number)', z.number(), 'x', 'must be a number'],
    ['invalid_type (integer)', z.number().int(), 1.5, 'must be a whole number'],
    ['invalid_type (coerced)', z.coerce.number(), 'abc', 'must be a number'],
    ['invalid_type (boolean)', z.boolean(), 'yes', 'must be true or false'],
    ['invalid_type (array)', z.array(z.string()), 'a', 'must be an array'],
    ['too_big (number)', z.number().max(200), 201, 'must be at most 200'],
    ['too_big (exclusive)', z.number().lt(5), 5, 'must be less than 5'],
    ['too_big (string)', z.string().max(3), 'abcd', 'must be at most 3 characters long'],
    ['too_big (array)', z.array(z.string()).max(1), ['a', 'b'], 'must have at most 1 item'],
    ['too_small (number)', z.number().min(1), 0, 'must be at least 1'],
    ['too_small (positive)', z.number().positive(), 0, 'must be greater than 0'],
    ['too_small (empty string)', z.string().min(1), '', 'must not be empty'],
    ['too_small (string)', z.string().min(3), 'ab', 'must be at least 3 characters long'],
    ['too_small (array)', z.array(z.string()).min(2), ['a'], 'must have at least 2 items'],
    ['invalid_value (enum)', z.enum(['a', 'b']), 'c', 'must be one of: a, b'],
    ['invalid_value (literal)', z.literal(1), 2, 'must be 1'],
    ['invalid_format (uuid)', z.uuid(), 'nope', 'must be a UUID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    ['invalid_format (datetime)', z.iso.datetime({ offset: true }), 'monday', 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-01T10:00:00Z'],
    ['invalid_format (email)', z.email(), 'x', 'must be an email address'],
    ['invalid_format (url)', z.url(), 'x', 'must be an absolute URL, e.g. https://example.com/picture.png'],
    ['invalid_format (regex)', z.string().regex(/^a+$/), 'b', 'must match the pattern /^a+$/'],
    ['not_multiple_of', z.number().multipleOf(5), 7, 'must be a multiple of 5'],
    ['invalid_union (types)', z.union([z.number(), z.string()]), true, 'must be a number or a string'],
    ['invalid_union (discriminator)', z.discriminatedUnion('type', [z.object({ type: z.literal('mint') }), z.object({ type: z.literal('burn') })]), { type: 'x' }, 'must be one of: mint, burn'],
    ['custom (refinement without a message)', z.string().refine(() => false), 'a', 'is not valid'],
  ])('%s', (_code, schema, value, message) => {
    const [issue] = one(schema, value);
    expect(issue?.message).toBe(message);
    expect(issue?.message).not.toMatch(/Invalid|expected|received|Too (big|small)/);
  });

  it('names each unknown field by its own path', () => {
    expect(messages(z.object({ a: z.string() }).strict(), { a: 'x', b: 1, c: 2 })).toEqual([
      { path: 'body.b', message: 'is not allowed here (unknown field)' },
      { path: 'body.c', message: 'is not allowed here (unknown field)' },
    ]);
  });

  it("keeps the messages schemas give themselves", () => {
    expect(one(z.string().regex(/^\d+$/, 'must be a decimal string of digits'), 'x')).toEqual([{ path: 'body.f', message: 'must be a decimal string of digits' }]);
    expect(one(z.number().refine((n) => n !== 0, 'must not be 0'), 0)).toEqual([{ path: 'body.f', message: 'must not be 0' }]);
  });

  it('lists every issue of a request in one ValidationError', () => {
    let thrown: unknown;
    try {
      parse(z.object({ limit: z.coerce.number().int().min(1).max(200), cursor: z.string() }), { limit: '500' }, 'query');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).details).toEqual([
      { path: 'query.limit', message: 'must be at most 200' },
      { path: 'query.cursor', message: 'is required' },
    ]);
  });
});

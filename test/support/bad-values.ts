import fc from 'fast-check';
import type { RouteRequest } from './route-examples';

/** Where one bad value goes: a path parameter, a query parameter, or a body node at any depth. */
export interface Mutation {
  in: 'params' | 'query' | 'body';
  path: Array<string | number>;
  op: 'set' | 'delete' | 'add';
  value?: unknown;
}

/**
 * Values a careless or hostile client sends: NUL and control characters,
 * lone surrogates, huge strings, numbers beyond every bound (and just past
 * the ledger's), fractions, exponents, wrong types, ids of the wrong shape,
 * injection-looking text, impossible dates.
 */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'a\u0000b', '\u0000', '', ' ', 'x'.repeat(5000), '\ud800', '😀'.repeat(300), '\u202e\u0007\u001b[31m',
    -1, 0, 1.5, -0.0001, 1e308, 2 ** 63, -(2 ** 53), Number.MAX_SAFE_INTEGER, 2147483647, 18446744073710, 999999999999999,
    '99999999999999999999', '18446744073710', '1e400', '-1', '0x10', 'NaN',
    null, true, false, [], {}, [null], { $ne: 1 }, [[[]]],
    'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '../../etc/passwd', '%00', '%',
    "'; drop table customers; --", '2026-13-45T99:99:99Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => n.toString()),
);

function nodes(value: unknown, path: Array<string | number>, out: Array<Array<string | number>>): void {
  if (path.length > 0) out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out);
}

/** Every place one mutation can go in this request. */
export function mutationsOf(r: RouteRequest): Mutation[] {
  const out: Mutation[] = [];
  for (const name of Object.keys(r.params ?? {})) out.push({ in: 'params', path: [name], op: 'set' });
  for (const name of Object.keys(r.query ?? {})) out.push({ in: 'query', path: [name], op: 'set' }, { in: 'query', path: [name], op: 'delete' });
  out.push({ in: 'query', path: ['unexpected'], op: 'add' });
  if (r.body !== undefined || ['POST', 'PUT'].includes(r.method)) {
    const paths: Array<Array<string | number>> = [];
    nodes(r.body ?? {}, [], paths);
    for (const p of paths) out.push({ in: 'body', path: p, op: 'set' }, { in: 'body', path: p, op: 'delete' });
    out.push({ in: 'body', path: [], op: 'set' }, { in: 'body', path: ['unexpectedField'], op: 'add' });
  }
  return out;
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** The request with the mutation applied (the example itself is left alone). */
export function applyMutation(r: RouteRequest, m: Mutation): RouteRequest {
  const next: RouteRequest = { ...r, params: { ...(r.params ?? {}) }, query: { ...(r.query ?? {}) }, body: clone(r.body) };
  if (m.in === 'params') {
    (next.params as Record<string, string>)[m.path[0] as string] = typeof m.value === 'string' ? m.value : JSON.stringify(m.value) ?? '';
    return next;
  }
  if (m.in === 'query') {
    const q = next.query as Record<string, string | string[]>;
    if (m.op === 'delete') delete q[m.path[0] as string];
    else q[m.path[0] as string] = Array.isArray(m.value) ? m.value.map((v) => String(v)) : typeof m.value === 'string' ? m.value : JSON.stringify(m.value) ?? '';
    return next;
  }
  if (m.path.length === 0) {
    next.body = m.value;
    return next;
  }
  if (next.body === null || typeof next.body !== 'object') next.body = {};
  let parent = next.body as Record<string | number, unknown>;
  for (const step of m.path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1] as string | number;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = m.value;
  }
  return next;
}

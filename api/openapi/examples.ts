import { dialectOfPath, errorBody } from '../dialects';

/**
 * Examples for the answers of the generated document. A request body carries
 * the example its declaration gives (EndpointSpec.request.example); an answer
 * may give one too (`content['application/json'].example`), and any JSON answer
 * without one gets one here, sampled from its schema — so every operation shows
 * what comes back without 120 hand-written examples that drift from the zod
 * schemas. `redocly lint` (no-invalid-media-type-examples) checks each sample
 * against its schema.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};

type MediaType = { schema?: Schema; example?: unknown; examples?: unknown };
type Response = { description?: string; content?: Record<string, MediaType> };
export interface Document {
  paths?: Record<string, Record<string, { responses?: Record<string, Response> }>>;
  components?: { schemas?: Record<string, Schema> };
}

const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const AT = '2026-01-15T10:30:00.000Z';

/** Values a field of that name plausibly holds; used only when the field's schema accepts them. */
const byName: Record<string, unknown> = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+447700900123',
  barcode: '4006381333931',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  uniqueId: 'till-7-000123',
  systemUniqueKey: 'till-7-000123',
  code: 'SUMMER-2026',
  limit: 50,
  decimals: 0,
  nextCursor: null,
  statusUrl: '/v1/transactions/status/till-7-000123',
};

/** Points and money travel as decimal strings (exact bigints): a field so named shows a number, not "string". */
const amountName = /(amount|points|balance|available|held|pending|posted|accrual|earned|redeemed|before|after)$/i;

/** Samples for patterned strings without an example: the first the pattern accepts is used. */
const patterned = ['EUR', '100', '4006381333931', '+447700900123', 'SUMMER-2026', 'till-7-000123', 'summer-points'];

function byFormat(format: string | undefined): string | undefined {
  switch (format) {
    case 'uuid':
      return ID;
    case 'date-time':
      return AT;
    case 'date':
      return AT.slice(0, 10);
    case 'email':
      return 'ada@example.com';
    case 'uri':
      return 'https://shop.example.com/loyalty';
    default:
      return undefined;
  }
}

function accepts(schema: Schema, value: unknown): boolean {
  if (value === null) return types(schema).includes('null');
  if (typeof value === 'string') {
    if (!types(schema).includes('string')) return false;
    if (schema.enum && !schema.enum.includes(value)) return false;
    // A formatted string is the format's own sample (the check cannot parse every format).
    if (schema.format && value !== (byFormat(schema.format) ?? value)) return false;
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) return false;
    return value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
  }
  if (typeof value === 'number') {
    const type = types(schema);
    if (!type.includes('number') && !(type.includes('integer') && Number.isInteger(value))) return false;
    return value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity) && value > (schema.exclusiveMinimum ?? -Infinity);
  }
  return false;
}

const types = (schema: Schema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

function number(schema: Schema, integer: boolean): number {
  const low = schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : schema.exclusiveMinimum + (integer ? 1 : 0.5));
  const wanted = integer ? 100 : 12.5;
  return Math.min(Math.max(wanted, low ?? wanted), schema.maximum ?? Infinity);
}

function string(schema: Schema): string {
  const formatted = byFormat(schema.format);
  if (formatted !== undefined) return formatted;
  if (schema.pattern) {
    const fit = patterned.find((candidate) => accepts({ ...schema, type: 'string' }, candidate));
    if (fit !== undefined) return fit;
  }
  return 'string'.padEnd(schema.minLength ?? 0, 'x').slice(0, Math.max(schema.maxLength ?? 6, 1));
}

/**
 * A value the schema accepts, preferring what the schema itself shows
 * (example, const, enum, default), then a plausible value for the field's
 * name, then one for its format or type. Every property of an object is filled,
 * so the sample shows the whole shape; `undefined` only for a schema that
 * refers to itself deeper than a sample needs.
 */
export function sample(schema: Schema | undefined, schemas: Record<string, Schema>, name?: string, depth = 0): unknown {
  if (!schema || depth > 12) return undefined;
  if (schema.$ref) return sample(schemas[schema.$ref.replace('#/components/schemas/', '')], schemas, name, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (name && name in byName && accepts(schema, byName[name])) return byName[name];
  if (name && amountName.test(name) && accepts(schema, '100')) return '100';
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => sample(part, schemas, name, depth + 1));
    return parts.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) return sample(branches.find((b) => !types(b).every((t) => t === 'null')) ?? branches[0], schemas, name, depth + 1);
  const type = types(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        const value = sample(property, schemas, key, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'array': {
      const item = sample(schema.items, schemas, undefined, depth + 1);
      return item === undefined ? [] : Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => item);
    }
    case 'string':
      return string(schema);
    case 'integer':
      return number(schema, true);
    case 'number':
      return number(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

type ErrorExample = { code: string; message?: string; details?: Array<{ path: string; message: string }> };

/**
 * The body each error status carries, as the error handler writes it
 * (api/middleware/errors.ts). Where the cause differs per endpoint (403, 409,
 * 422) the message is the answer's own description.
 */
const errorExamples: Record<string, ErrorExample> = {
  400: { code: 'validation_failed', message: 'Invalid body', details: [{ path: 'body.email', message: 'must be an email address' }] },
  401: { code: 'unauthorized' },
  403: { code: 'forbidden' },
  404: { code: 'not_found', message: 'Not found' },
  409: { code: 'conflict' },
  413: { code: 'payload_too_large', message: 'Request body exceeds the 102400 byte limit' },
  415: { code: 'unsupported_media_type', message: 'Request bodies must be JSON (Content-Type: application/json), not text/plain' },
  422: { code: 'business_rule_violated' },
  503: { code: 'dependency_unavailable', message: 'PostgreSQL is unavailable or too slow; retry the same request later' },
};

/** In the shape of the path's dialect, as the error middleware writes it. */
function errorExample(path: string, status: string, description: string | undefined): unknown {
  const known = errorExamples[status];
  return known && errorBody(dialectOfPath(path), { ...known, message: known.message ?? description ?? known.code }, ID);
}

/** Gives every JSON answer without an example one: an error its status's typical body, a success a sample of its schema. */
export function addResponseExamples<D extends object>(doc: D): D {
  // The generator's own types know nothing of examples; this reads the parts it fills in.
  const { paths, components } = doc as Document;
  const schemas = components?.schemas ?? {};
  for (const [path, byMethod] of Object.entries(paths ?? {})) {
    for (const op of Object.values(byMethod)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const media = response.content?.['application/json'];
        if (!media || media.example !== undefined || media.examples !== undefined) continue;
        const example = Number(status) >= 400 ? errorExample(path, status, response.description) : sample(media.schema, schemas);
        if (example !== undefined) media.example = example;
      }
    }
  }
  return doc;
}

import type { RequestHandler } from 'express';
import { UnsupportedMediaTypeError, ValidationError } from '../../domain/errors';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

/**
 * Every endpoint speaks JSON. A request that carries a body of another type
 * (a form, text) is 415 before anything reads it — otherwise the body parser
 * leaves it out and an all-optional body (a customer) would be created empty.
 */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !JSON_TYPE.test(req.get('content-type') ?? '')) throw new UnsupportedMediaTypeError(req.get('content-type'));
  next();
};

/** The first string (or key) holding a NUL character, with its path; PostgreSQL stores no NUL in text or JSON. */
export function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return `${path}.${k.split('\u0000').join('\\0')}`;
      const found = findNul(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * No NUL character in the path, the query or the body: the database would
 * refuse it on every write and read, so it is a 400 here, before any lookup
 * or workflow, rather than a 500 (or a workflow retrying for ten minutes).
 */
export const noNulCharacters: RequestHandler = (req, _res, next) => {
  const path = req.originalUrl.split('?')[0] ?? '';
  const where = path.includes('%00') || path.includes('\u0000') ? 'path' : findNul(req.query, 'query') ?? findNul(req.body, 'body');
  if (where) throw new ValidationError('Text must not contain NUL characters', [{ path: where, message: 'contains a NUL (\\u0000) character' }]);
  next();
};

import { ConflictError, HubError, ValidationError, type DatabaseFailure } from '../domain/errors';
import { databaseUnavailable } from './unavailable';

/**
 * What a database error means for the caller, decided once for the API and
 * for activities:
 * - `unavailable`: connectivity, timeouts, lock and serialization conflicts —
 *   the same request can succeed later, so it is retried (a 503 at the door);
 * - `refused`: the request itself can never be stored (a constraint, a value
 *   out of range) — a typed, non-retryable answer;
 * - `internal`: anything else the database said (a bug: a missing table, bad
 *   SQL) — neither the caller's fault nor a passing state.
 * Every kind carries a `summary` built from the SQLSTATE, table, column and
 * constraint only: never the SQL, its parameters or PostgreSQL's `detail`
 * (which quotes the offending values — emails, key digests).
 */
interface PgLike {
  code?: unknown;
  name?: unknown;
  severity?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  cause?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

const CONDITIONS: Record<string, string> = {
  '22001': 'text longer than its column allows',
  '22003': 'number out of range',
  '22007': 'invalid date or time',
  '22008': 'date or time out of range',
  '22021': 'characters the database cannot store',
  '22P02': 'value of the wrong form',
  '22P05': 'characters the database cannot store',
  '23502': 'required value missing',
  '23503': 'refers to a record that does not exist',
  '23505': 'already exists',
  '23514': 'value outside what the ledger accepts',
  '23P01': 'overlaps an existing record',
};

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The PostgreSQL error inside a driver or ORM wrapper (both copy its fields), or null. */
function pgError(err: unknown, depth = 0): PgLike | null {
  const e = err as PgLike | null;
  if (!e || typeof e !== 'object' || depth > 4) return null;
  if (typeof e.code === 'string' && SQLSTATE.test(e.code) && (e.severity !== undefined || String(e.name).endsWith('Exception') || e.name === 'DatabaseError' || e.name === 'error')) return e;
  return e.cause !== undefined && e.cause !== err ? pgError(e.cause, depth + 1) : null;
}

/** "PostgreSQL 23505 (already exists) on customers, constraint customers_email_unique" — names only, no values. */
function summarise(e: PgLike): string {
  const code = String(e.code);
  const condition = CONDITIONS[code];
  const where = [text(e.table) && `on ${text(e.table)}${text(e.column) ? `.${text(e.column)}` : ''}`, text(e.constraint) && `constraint ${text(e.constraint)}`].filter(Boolean).join(', ');
  return `PostgreSQL ${code}${condition ? ` (${condition})` : ''}${where ? ` ${where}` : ''}`;
}

function refusal(e: PgLike): HubError | null {
  const code = String(e.code);
  const detail = { message: CONDITIONS[code] ?? 'refused by the database', ...(text(e.constraint) ? { constraint: text(e.constraint) } : {}), ...(text(e.column) ? { column: text(e.column) } : {}) };
  if (code === '23505' || code === '23P01') return new ConflictError('A record with the same identity already exists', [detail]);
  if (code === '23503') return new HubError('not_found', 'The request refers to a record that does not exist', [detail]);
  if (code === '23502' || code === '23514' || code.startsWith('22')) return new ValidationError(`A value in the request cannot be stored (${detail.message})`, [detail]);
  return null;
}

/** How a thrown error from the database layer should be treated, or null when it is not a database error. */
export function classifyDatabaseError(err: unknown): DatabaseFailure | null {
  if (err instanceof HubError) return null;
  const pg = pgError(err);
  if (databaseUnavailable(err)) {
    const name = text((err as PgLike | null)?.name) ?? 'Error';
    return { kind: 'unavailable', summary: pg ? summarise(pg) : `PostgreSQL unavailable (${name})` };
  }
  if (!pg) return null;
  const summary = summarise(pg);
  const error = refusal(pg);
  return error ? { kind: 'refused', summary, error } : { kind: 'internal', summary };
}

/** A one-line account of an error for logs and records ops read: a database error by its summary only. */
export function describeError(err: unknown): string {
  return classifyDatabaseError(err)?.summary ?? ((err as Error)?.message ?? String(err)).split('\n')[0]!;
}

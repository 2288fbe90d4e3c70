import pino from 'pino';
import { classifyDatabaseError } from '../db/failures';

export type Logger = pino.Logger;

/** Anything that could carry a secret is censored before it is written. */
const redact = {
  paths: [
    'req.headers.authorization',
    'req.headers["x-apikey"]',
    'headers.authorization',
    'headers["x-apikey"]',
    '*.apiKey',
    '*.key',
    '*.adminToken',
    '*.password',
    '*.credentials',
    '*.ownerToken',
    '*.clientSecret',
  ],
  censor: '[redacted]',
};

/**
 * A database error is logged by what it means (SQLSTATE, table, constraint),
 * never its message: the ORM's message quotes the SQL with its parameters
 * (emails, phones, API-key digests) and PostgreSQL's `detail` the offending value.
 */
function safeError(err: unknown): unknown {
  const db = classifyDatabaseError(err);
  if (db) return { type: (err as Error).name, kind: db.kind, database: db.summary };
  return err instanceof Error ? pino.stdSerializers.err(err) : err;
}

export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: 'loyalty-hub', ...base }, redact, serializers: { err: safeError, error: safeError }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

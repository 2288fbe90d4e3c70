import { UniqueConstraintViolationException } from '@mikro-orm/core';

/**
 * The name of the unique constraint a write hit, or null when it was another
 * error. Entity writes raise MikroORM's exception; raw SQL through
 * `connection.execute` raises node-postgres's error with SQLSTATE 23505.
 */
export function violatedConstraint(err: unknown): string | null {
  const raw = err as { code?: unknown; constraint?: unknown } | null;
  if (!(err instanceof UniqueConstraintViolationException) && raw?.code !== '23505') return null;
  return typeof raw?.constraint === 'string' ? raw.constraint : 'unknown';
}

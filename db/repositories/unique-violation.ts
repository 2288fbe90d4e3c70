import { UniqueConstraintViolationException } from '@mikro-orm/core';

/** The name of the unique constraint a write hit, or null when it was another error. */
export function violatedConstraint(err: unknown): string | null {
  if (!(err instanceof UniqueConstraintViolationException)) return null;
  const constraint = (err as unknown as { constraint?: unknown }).constraint;
  return typeof constraint === 'string' ? constraint : 'unknown';
}

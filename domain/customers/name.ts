/**
 * Loyalty+ keeps one `name`; the hub a first and a last name. The name splits
 * at its first space ("Mary Ann Smith" → "Mary" / "Ann Smith"), so joining
 * the two gives the name back; a single word is a first name alone.
 */
export function splitName(name: string): { firstName: string; lastName: string | null } {
  const words = name.trim().split(/\s+/);
  const [first = '', ...rest] = words;
  return { firstName: first, lastName: rest.length > 0 ? rest.join(' ') : null };
}

/** The one name a Loyalty+ client shows: first and last, whichever exist. */
export function fullName(customer: { firstName: string | null; lastName: string | null }): string {
  return [customer.firstName, customer.lastName].filter(Boolean).join(' ');
}

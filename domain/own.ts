/**
 * A record's own entry for a key that came from outside (a code in a path or a sale body): `record[key]` would
 * also find Object.prototype's members (`valueOf`, `constructor`…), which are not gift cards, coupons or reasons.
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A PostgreSQL text[] literal, each element quoted and escaped (knex would splice a JS array into a list). */
export function textArray(items: string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Knex would splice a JS array into a list; PostgreSQL wants one array literal. Ids are uuids: no quoting needed. */
export function uuidArray(ids: string[]): string {
  return `{${ids.join(',')}}`;
}

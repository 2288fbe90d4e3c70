/** A PostgreSQL text[] literal, each element quoted and escaped (knex would splice a JS array into a list). */
export function textArray(items: string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

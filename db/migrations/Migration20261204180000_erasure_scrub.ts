import { Migration } from '@mikro-orm/migrations';

/**
 * An erased customer's personal data also lives in copies the hub keeps of
 * requests and payloads (a sale's request, an event's payload, a sync's
 * payload, a partner's webhook). jsonb_scrub replaces every string value
 * found in `map` by its mapped value, at any depth, keys untouched — so a
 * copy stays valid JSON with the same shape, minus the person.
 */
export class Migration20261204180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function jsonb_scrub(doc jsonb, map jsonb) returns jsonb language plpgsql immutable as $$
begin
  return case jsonb_typeof(doc)
    when 'string' then coalesce(map -> (doc #>> '{}'), doc)
    when 'object' then coalesce((select jsonb_object_agg(e.key, jsonb_scrub(e.value, map)) from jsonb_each(doc) e), '{}'::jsonb)
    when 'array' then coalesce((select jsonb_agg(jsonb_scrub(a.value, map) order by a.n) from jsonb_array_elements(doc) with ordinality a(value, n)), '[]'::jsonb)
    else doc end;
end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists jsonb_scrub(jsonb, jsonb);`);
  }
}

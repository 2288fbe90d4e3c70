import { scrubMap, uniqueIdentifiers, type ErasedPerson } from '../../domain/customers/erase';
import type { Query } from '../ledger/ledger-engine';
import { textArray } from '../sql-arrays';

/** The customer's own copies: every JSON column of their rows that can hold what a till or partner sent about them. */
const OWN_COPIES = [
  ['sales', ['request', 'result']],
  ['returns', ['request', 'result']],
  ['hub_events', ['payload']],
  ['sync_records', ['payload', 'detail']],
  ['trigger_deliveries', ['event']],
] as const;

/**
 * In the erasure's own transaction: the person scrubbed from the hub's copies
 * (db/migrations/…_erasure_scrub.ts jsonb_scrub) — the customer's own rows by
 * their customer_id, and the scheme's inbound partner webhooks (no customer
 * column) that mention the person's barcode, email or phone. Only rows
 * that change are rewritten. The ledger keeps its transfers (descriptions
 * are the scheme's own text) and Temporal keeps workflow inputs until its
 * retention removes them (docs/api.md).
 */
export async function scrubCopies(q: Query, schemeId: string, customerId: string, person: ErasedPerson): Promise<void> {
  const map = scrubMap(customerId, person);
  if (Object.keys(map).length === 0) return;
  const ownMap = JSON.stringify(map);
  for (const [table, columns] of OWN_COPIES) {
    const sets = columns.map((c) => `${c} = jsonb_scrub(${c}, ?::jsonb)`).join(', ');
    const changed = columns.map((c) => `${c} is distinct from jsonb_scrub(${c}, ?::jsonb)`).join(' or ');
    await q(`update ${table} set ${sets} where scheme_id = ? and customer_id = ? and (${changed})`, [...columns.map(() => ownMap), schemeId, customerId, ...columns.map(() => ownMap)]);
  }
  // A webhook that names the person by a unique identifier is about them: scrubbed whole (names too).
  const needles = uniqueIdentifiers(customerId, person).map((v) => JSON.stringify(v));
  if (needles.length === 0) return;
  await q(
    `update webhook_events set data = jsonb_scrub(data, ?::jsonb)
      where scheme_id = ? and exists (select 1 from unnest(?::text[]) n where strpos(data::text, n) > 0)`,
    [ownMap, schemeId, textArray(needles)],
  );
}

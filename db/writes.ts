import { createHash } from 'node:crypto';
import type { Query } from './ledger/ledger-engine';

/** One data-modifying statement (an insert or update, no trailing semicolon) with its `?` parameters. */
export interface Write {
  sql: string;
  params: unknown[];
}

/**
 * A transaction's last writes in one round trip: several inserts become
 * data-modifying CTEs of one statement (each runs exactly once, all in the
 * same snapshot, all or nothing with the transaction).
 */
export async function writeAll(q: Query, writes: Write[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    const [only] = writes as [Write];
    await q(only.sql, only.params, { name: `write_${createHash('sha1').update(only.sql).digest('hex').slice(0, 16)}` });
    return;
  }
  const sql = `with ${writes.map((w, i) => `w${i} as (${w.sql})`).join(',\n')}\nselect 1`;
  // A handful of shapes (sale; sale + event; sale + follow-ups; …): each prepared once per connection, named by its text.
  await q(sql, writes.flatMap((w) => w.params), { name: `writes_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}` });
}

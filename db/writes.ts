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
    await q(only.sql, only.params);
    return;
  }
  const sql = `with ${writes.map((w, i) => `w${i} as (${w.sql})`).join(',\n')}\nselect 1`;
  await q(sql, writes.flatMap((w) => w.params));
}

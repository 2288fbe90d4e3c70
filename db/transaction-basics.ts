import type pg from 'pg';
import type { TransactionBasics } from '../domain/transactions/ports';
import { hubEventsWrite, type JournalRow } from './events/journal';
import { quietDelivery } from '../domain/events/hub-event';
import { followUpsWrite } from './follow-ups/outbox';
import type { LedgerEngine, Query } from './ledger/ledger-engine';
import { inPgTransaction } from './pg/hot-pool';
import type { Doorbell } from './follow-ups/doorbell';
import { writeAll, type Write } from './writes';

/** What a use case's transaction object gives the helper below: its buffered writes and whether follow-ups are among them. */
export interface Buffered {
  /** Writes no later step reads, sent together just before the commit (one round trip). */
  pending: Write[];
  recorded(): boolean;
}

/**
 * Ledger legs (written at once: later steps need their ids), and the quiet
 * event and follow-ups (buffered to the end), inside the caller's transaction.
 */
export function basicsIn(q: Query, ledger: LedgerEngine, pending: Write[]): TransactionBasics & { recorded(): boolean } {
  let recorded = false;
  // One insert for all of the transaction's quiet events, in the order they were journalled.
  const journaled: JournalRow[] = [];
  let journal: Write | null = null;
  return {
    post: (request, opts) => ledger.applyIn(q, request, { fresh: opts?.claimed === true }),
    journal: async (event, opts) => {
      journaled.push(opts?.delivering ? { event, status: 'running', effects: null } : { event, status: 'success', effects: quietDelivery });
      const next = hubEventsWrite(journaled);
      if (journal) Object.assign(journal, next);
      else pending.push((journal = next));
    },
    followUps: async (batch) => {
      pending.push(followUpsWrite(batch));
      recorded = true;
    },
    wake: () => {
      recorded = true;
    },
    recorded: () => recorded,
  };
}

/**
 * One transaction: the use case's steps, then its buffered writes in one
 * statement, then the commit; its follow-ups, if it recorded any, are
 * announced to this process's relay once committed. Statements and locks are
 * bounded by the connection's timeouts (config/capacity.ts).
 */
export async function inTransaction<T, Tx>(pool: pg.Pool, doorbell: Doorbell | undefined, make: (q: Query) => Tx & Buffered, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let recorded = false;
  const result = await inPgTransaction(pool, async (q) => {
    const tx = make(q);
    const value = await fn(tx);
    await writeAll(q, tx.pending);
    recorded = tx.recorded();
    return value;
  });
  if (recorded) doorbell?.ring();
  return result;
}

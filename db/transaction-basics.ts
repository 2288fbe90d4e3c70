import type { EntityManager } from '@mikro-orm/postgresql';
import type { TransactionBasics } from '../domain/transactions/ports';
import { insertHubEvent } from './events/journal';
import { quietDelivery } from '../domain/events/hub-event';
import { recordFollowUps } from './follow-ups/outbox';
import { queryIn, type LedgerEngine, type Query } from './ledger/ledger-engine';
import type { Orm } from './orm';
import type { Doorbell } from './follow-ups/doorbell';

/** Ledger legs, quiet events and follow-ups, all inside the caller's transaction; `recorded()` says whether follow-ups were written. */
export function basicsIn(em: EntityManager, q: Query, ledger: LedgerEngine): TransactionBasics & { recorded(): boolean } {
  let recorded = false;
  return {
    post: (request) => ledger.applyWithin(em, request),
    journal: (event) => insertHubEvent(q, event, 'success', quietDelivery),
    followUps: async (batch) => {
      await recordFollowUps(q, batch);
      recorded = true;
    },
    recorded: () => recorded,
  };
}

/**
 * One bounded transaction whose follow-ups, if it recorded any, are announced
 * to this process's relay once it has committed.
 */
export async function inTransaction<T, Tx>(
  orm: Orm,
  opts: { timeoutMs: number; doorbell?: Doorbell },
  make: (em: EntityManager, q: Query) => Tx & { recorded(): boolean },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  let tx: (Tx & { recorded(): boolean }) | null = null;
  const result = await orm.em.fork().transactional(async (em) => {
    const q = queryIn(em);
    await boundTransaction(q, opts.timeoutMs);
    tx = make(em, q);
    return fn(tx);
  });
  if ((tx as (Tx & { recorded(): boolean }) | null)?.recorded()) opts.doorbell?.ring();
  return result;
}

/**
 * Bounds a hot-path transaction well inside its local activity's timeout, so
 * a slow database cancels the attempt before Temporal retries it: a retry
 * never queues a second copy of the work behind the first.
 */
export async function boundTransaction(q: Query, timeoutMs: number): Promise<void> {
  await q(`select set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)`, [`${timeoutMs}ms`, `${Math.round(timeoutMs * 0.8)}ms`]);
}

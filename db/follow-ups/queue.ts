import type { Orm } from '../orm';
import { queryIn } from '../ledger/ledger-engine';
import { claimFollowUps, completeFollowUps, deferFollowUps, pendingFollowUps, type ClaimedBatch } from './outbox';

export type { ClaimedBatch };

/** The relay's side of the outbox: claim, complete, defer (each its own short statement). */
export class PgFollowUpQueue {
  constructor(private readonly orm: Orm) {}

  private q() {
    return queryIn(this.orm.em.fork());
  }

  claim(limit: number, leaseMs: number): Promise<ClaimedBatch[]> {
    return claimFollowUps(this.q(), limit, leaseMs);
  }

  complete(id: string): Promise<void> {
    return completeFollowUps(this.q(), id);
  }

  defer(id: string, error: string, delayMs: number): Promise<void> {
    return deferFollowUps(this.q(), id, error, delayMs);
  }

  backlog(): Promise<number> {
    return pendingFollowUps(this.q());
  }
}

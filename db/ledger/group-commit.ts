import type pg from 'pg';
import type { SqlAnswer } from './sql-request';

interface Waiting {
  request: string;
  resolve: (answer: SqlAnswer) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  /** Statements in flight at once; requests arriving while all are busy wait and go together in the next one. */
  inFlight: number;
  /** The most requests one statement carries (a batch holds its wallets' locks until it commits). */
  maxBatch: number;
}

/**
 * Group commit for requests that stand alone (not inside a use case's own
 * transaction). While fewer than `inFlight` statements are running, a request
 * goes at once, alone — no waiting added at low load. When all are busy,
 * arrivals queue, and the next free slot takes them all as one
 * ledger_apply_batch: one round trip and one commit for the lot, so under load
 * the rate rises instead of the latency.
 *
 * If a batch statement fails as a whole (a deadlock, a lock timeout, a bad
 * request that slipped past validation, a unique violation the locks did not
 * prevent — e.g. a client key ending in `#1` next to another request's second
 * transfer), nothing of it committed — it was one statement — so each of its
 * requests is sent again alone, one after another, and gets its own answer.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private running = 0;
  /** Batch statements that failed whole and were resent request by request: a healthy ledger keeps this at 0. */
  failures = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(request: string): Promise<SqlAnswer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.inFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running += 1;
      void this.send(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0] as Waiting);
    let answers: SqlAnswer[];
    try {
      const { rows } = await this.pool.query<{ answers: SqlAnswer[] }>({
        name: 'ledger_apply_batch',
        text: 'select ledger_apply_batch($1::jsonb) as answers',
        values: [`[${batch.map((w) => w.request).join(',')}]`],
      });
      answers = (rows[0] as { answers: SqlAnswer[] }).answers;
    } catch {
      // One at a time, in this batch's slot: resending them all at once would flood the pool and the hot wallet.
      this.failures += 1;
      for (const w of batch) await this.alone(w);
      return;
    }
    batch.forEach((w, i) => w.resolve(answers[i] as SqlAnswer));
  }

  private async alone(w: Waiting): Promise<void> {
    try {
      const { rows } = await this.pool.query<{ answer: SqlAnswer }>({ name: 'ledger_apply_alone', text: 'select ledger_apply($1::jsonb, false) as answer', values: [w.request] });
      w.resolve((rows[0] as { answer: SqlAnswer }).answer);
    } catch (err) {
      w.reject(err);
    }
  }
}

import { describeError } from '../db/failures';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { FollowUpOutbox } from '../domain/ports';
import { beforeDeadline } from '../api/temporal/failures';
import { followUpStart } from '../workflows/follow-up-starts';
import type { Logger } from './logger';

export interface RelayOptions {
  outbox: FollowUpOutbox;
  client: Client;
  taskQueue: string;
  logger: Logger;
  /** Start follow-ups eagerly on this process's worker (the client is on its NativeConnection). */
  eager: boolean;
  /** The sweep that picks up batches another process left (a crash before its relay ran). */
  sweepMs?: number;
  /** Batches claimed and started at once. */
  batch?: number;
}

type Claimed = Awaited<ReturnType<FollowUpOutbox['queue']['claim']>>[number];

const LEASE_MS = 30_000;
const START_DEADLINE_MS = 5000;

/**
 * Starts the workflows an operation's transaction recorded as its follow-ups
 * (the outbox in `follow_ups`), after the commit and off the till's path. The
 * posting activity rings `kick()` when it commits; a sweep every second
 * catches the rest. Batches of one lane (a customer) start in commit order; a
 * batch whose start fails (Temporal down) waits with backoff, holding its
 * lane, and is never lost: it is only removed once every step has started.
 */
export class FollowUpRelay {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unlisten: (() => void) | null = null;

  constructor(private readonly opts: RelayOptions) {}

  start(): void {
    this.unlisten = this.opts.outbox.doorbell.listen(() => this.kick());
    const every = this.opts.sweepMs ?? 1000;
    this.timer = setInterval(() => this.kick(), every);
    this.timer.unref();
    this.kick();
  }

  /** Run a pass now (coalesced: a pass in progress runs once more when it ends). */
  kick(): void {
    if (this.stopped) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    this.pass = this.drain()
      .catch((err: unknown) => this.opts.logger.warn({ err }, 'follow-up relay pass failed'))
      .finally(() => {
        this.pass = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unlisten?.();
    if (this.timer) clearInterval(this.timer);
    await this.pass;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.opts.outbox.queue.claim(this.opts.batch ?? 16, LEASE_MS);
      if (claimed.length === 0 || this.stopped) return;
      await Promise.all(claimed.map((b) => this.run(b)));
    }
  }

  private async run(batch: Claimed): Promise<void> {
    try {
      for (const step of batch.steps) await this.startOne(followUpStart(step));
      await this.opts.outbox.queue.complete(batch.id);
    } catch (err) {
      const delayMs = Math.min(60_000, 500 * 2 ** Math.min(batch.attempts, 7));
      const reason = describeError(err);
      this.opts.logger.warn({ key: batch.key, attempts: batch.attempts, delayMs, reason }, 'follow-up start failed; retrying later');
      await this.opts.outbox.queue.defer(batch.id, reason, delayMs).catch(() => undefined);
    }
  }

  private async startOne(s: ReturnType<typeof followUpStart>): Promise<void> {
    try {
      const deadline = Date.now() + START_DEADLINE_MS;
      await beforeDeadline(deadline, this.opts.client.withDeadline(deadline, () =>
        this.opts.client.workflow.start(s.workflowType, {
          taskQueue: this.opts.taskQueue,
          workflowId: s.workflowId,
          args: s.args,
          typedSearchAttributes: s.typedSearchAttributes,
          // Once per id: a follow-up started before (a replayed batch) is not started again.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          requestEagerStart: this.opts.eager,
        }),
      ));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}

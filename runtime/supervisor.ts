import type { Logger } from './logger';

export interface SupervisorOptions {
  /** First wait before a restart; doubles after each failed start, up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A process that stayed up this long crashed afresh: the next restart waits initialDelayMs again. */
  stableAfterMs?: number;
}

export interface Supervisor {
  /** Restarts so far (for logs and tests). */
  restarts(): number;
  /** Stops supervising (the caller then stops the process itself). */
  stop(): void;
}

/**
 * Keeps a process the hub started (its own PostgreSQL, its Temporal dev
 * server) running: when it exits without being asked to, it is started again
 * after a backoff (1 s, 2 s, 4 s … 30 s; back to 1 s once it has stayed up a
 * minute). Meanwhile /readyz answers 503 because its checks fail, and turns
 * 200 again by itself once the process is back.
 *
 * `exited` resolves when the running process exits; `start` starts a new one
 * and returns its `exited` (wrapped: a promise of a promise would flatten).
 */
export function supervise(name: string, logger: Logger, exited: Promise<unknown>, start: () => Promise<{ exited: Promise<unknown> }>, opts: SupervisorOptions = {}): Supervisor {
  const initial = opts.initialDelayMs ?? 1000;
  const max = opts.maxDelayMs ?? 30_000;
  const stableAfter = opts.stableAfterMs ?? 60_000;
  const state = { stopped: false, restarts: 0 };
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  void (async () => {
    let current = exited;
    let delay = initial;
    let upSince = Date.now();
    for (;;) {
      const how = await current.then((v) => v, (err: unknown) => err);
      if (state.stopped) return;
      if (Date.now() - upSince > stableAfter) delay = initial;
      logger.error({ service: name, exit: String(how ?? ''), restartInMs: delay }, `${name} exited unexpectedly; restarting it`);
      for (;;) {
        await sleep(delay);
        if (state.stopped) return;
        try {
          current = (await start()).exited;
          state.restarts++;
          upSince = Date.now();
          logger.warn({ service: name, restarts: state.restarts }, `${name} restarted`);
          break;
        } catch (err) {
          delay = Math.min(delay * 2, max);
          logger.error({ service: name, err: (err as Error)?.message ?? String(err), retryInMs: delay }, `${name} did not start; retrying`);
        }
      }
      delay = Math.min(delay * 2, max);
    }
  })();

  return {
    restarts: () => state.restarts,
    stop: () => {
      state.stopped = true;
      wake?.();
    },
  };
}

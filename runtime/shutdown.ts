import type { Logger } from './logger';

/**
 * Runs `shutdown` once on SIGINT/SIGTERM, then exits. A second signal, or a
 * shutdown that hangs past `forceAfterMs`, exits at once — except a copy of
 * the first arriving within `duplicateWindowMs`: Ctrl-C reaches the whole
 * process group and `npm start` forwards it too, and treating that copy as
 * "exit now" would orphan the local Temporal and PostgreSQL.
 */
export function onShutdownSignal(logger: Logger, shutdown: () => Promise<void>, forceAfterMs = 30_000, duplicateWindowMs = 2_000): void {
  let stopping = false;
  let firstAt = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (Date.now() - firstAt < duplicateWindowMs) return;
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    firstAt = Date.now();
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, forceAfterMs);
    force.unref();
    shutdown()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

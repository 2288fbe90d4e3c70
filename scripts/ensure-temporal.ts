// Obtains the Temporal CLI before the tests (or `npm start`) need it, with progress.
import { loadConfig } from '../config';
import { createLogger } from '../runtime/logger';
import { defaultCacheDir, ensureTemporalCli } from '../runtime/temporal-cli';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'silent' ? 'info' : config.logLevel);
  if (config.temporal.address && !config.temporal.cliPath) {
    logger.info({ address: config.temporal.address }, 'TEMPORAL_ADDRESS is set; the tests still start their own dev server');
  }
  const cli = await ensureTemporalCli({
    explicitPath: config.temporal.cliPath,
    systemPath: config.systemPath,
    cacheDir: defaultCacheDir(),
    logger,
  });
  logger.info({ cli }, 'Temporal CLI ready');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

// Obtains the Temporal CLI (dev server) and the real server's tools (start:cluster) before the tests need them, with progress.
import { loadConfig } from '../config';
import { createLogger } from '../runtime/logger';
import { defaultCacheDir, ensureTemporalCli } from '../runtime/temporal-cli';
import { ensureGoTool } from '../runtime/go-tool';
import { temporalTools } from '../runtime/temporal-server';

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
  // The real server, its schema tool and the Web UI (npm run start:cluster and its test); one after the other, each cached.
  for (const tool of Object.values(temporalTools)) await ensureGoTool(tool, { systemPath: config.systemPath, cacheDir: defaultCacheDir(), logger });
  logger.info('Temporal server tools ready');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

// Applies pending migrations to DATABASE_URL (deployments run this before api/worker).
import { loadConfig } from '../config';
import { migrate, openOrm } from '../db/orm';
import { createLogger } from '../runtime/logger';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for npm run migrate');
  const orm = await openOrm({ databaseUrl: config.databaseUrl });
  try {
    const applied = await migrate(orm);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');
  } finally {
    await orm.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

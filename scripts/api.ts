// `npm run api`: the HTTP front door alone, against configured services (scale it out).
import { loadConfig } from '../config';
import { buildApp, closeServer, connectCore, hubOptions, listen } from '../runtime/hub';
import { createLogger } from '../runtime/logger';
import { onShutdownSignal } from '../runtime/shutdown';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { role: 'api' });
  if (!config.databaseUrl || !config.temporal.address || !config.adminToken) {
    throw new Error('npm run api needs DATABASE_URL, TEMPORAL_ADDRESS and ADMIN_TOKEN (npm start provides them itself)');
  }
  if (!config.credentialsKey) logger.warn('CREDENTIALS_KEY is not set: partner connections cannot be stored or synced');
  const opts = hubOptions(config, { databaseUrl: config.databaseUrl, temporalAddress: config.temporal.address }, logger);
  const core = await connectCore(opts, { api: true, worker: false });
  const server = await listen(buildApp(core, { ...opts, adminToken: config.adminToken, bodyLimit: config.bodyLimit }), config.port);
  logger.info({ port: config.port }, 'API listening');
  onShutdownSignal(logger, async () => {
    await closeServer(server);
    await core.close();
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});

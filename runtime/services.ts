import path from 'node:path';
import type { Config } from '../config';
import type { Logger } from './logger';
import { startEmbeddedPostgres } from './embedded-postgres';
import { defaultCacheDir, ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';

export interface ServiceEndpoints {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  stop(): Promise<void>;
}

/**
 * For `npm start`: the configured PostgreSQL and Temporal, or local ones when
 * DATABASE_URL / TEMPORAL_ADDRESS are unset, with their data under DATA_DIR.
 */
export async function provideServices(config: Config, logger: Logger): Promise<ServiceEndpoints> {
  const stops: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPostgresPort,
        database: 'loyalty_hub',
        supervised: true,
        logger,
      });
      stops.push(pg.stop);
      databaseUrl = pg.url;
      logger.info({ port: pg.port, dataDir: path.join(config.dataDir, 'postgres') }, 'embedded PostgreSQL running');
    }

    let temporalAddress = config.temporal.address;
    let temporalUiUrl: string | null = null;
    if (!temporalAddress) {
      const cliPath = await ensureTemporalCli({
        explicitPath: config.temporal.cliPath,
        systemPath: config.systemPath,
        cacheDir: defaultCacheDir(),
        logger,
      });
      const server = await startTemporalDevServer({
        cliPath,
        port: config.temporal.devPort,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        dataDir: path.join(config.dataDir, 'temporal'),
        codecEndpoint: `http://127.0.0.1:${config.port}/codec`,
        supervised: true,
        logger,
      });
      stops.push(server.stop);
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
      logger.info({ address: temporalAddress, ui: temporalUiUrl }, 'Temporal dev server running');
    }

    return {
      databaseUrl,
      temporalAddress,
      temporalUiUrl,
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch((err) => logger.warn({ err }, 'stop failed'));
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
}

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { inheritedEnv, parseConfig } from '../config';
import { migrate, openOrm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import { startCluster } from '../runtime/cluster';
import { freePort } from '../runtime/free-port';
import type { Logger } from '../runtime/logger';
import { salesScheme } from './sales-scheme';

/**
 * npm run start:cluster's topology started for a benchmark or the fault script, in a data directory of its own:
 * embedded PostgreSQL, the real Temporal server, one API and CLUSTER_WORKERS worker processes, and the sales scheme
 * (`customers` customers with points) seeded before the hub starts.
 */
export async function startBenchCluster(logger: Logger, customers: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-cluster-'));
  const config = parseConfig({
    ...inheritedEnv(),
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    WORKER_PORT: String(20_000 + Math.floor(Math.random() * 10_000)),
    // Below 32767 with its next 20 ports (Temporal stores membership ports as smallint).
    TEMPORAL_DEV_PORT: String(21_000 + Math.floor(Math.random() * 10_000)),
    TEMPORAL_UI_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    LOG_LEVEL: 'warn',
  });
  const adminToken = randomUUID();
  const seeded: { world?: Awaited<ReturnType<typeof salesScheme>> } = {};
  const cluster = await startCluster(config, logger, {
    adminToken,
    payloadKeys: [{ id: 'bench', key: Buffer.alloc(32, 7) }],
    credentialsKey: Buffer.alloc(32, 9),
    prepare: async (databaseUrl) => {
      const orm = await openOrm({ databaseUrl });
      try {
        await migrate(orm);
        seeded.world = await salesScheme(createRepositories(orm), customers);
        return { databaseUrl };
      } finally {
        await orm.close();
      }
    },
    connect: (address) => Connection.connect({ address }),
  });
  const world = seeded.world;
  if (!world) throw new Error('the bench scheme was not seeded');
  return {
    cluster,
    config,
    world,
    adminToken,
    base: `http://127.0.0.1:${cluster.api.port}`,
    /** The running postmaster (it changes when the supervisor restarts PostgreSQL). */
    postmaster: () => Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]),
    async stop() {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

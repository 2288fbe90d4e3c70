import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import { inheritedEnv, type Config } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureGoTool } from './go-tool';
import type { Logger } from './logger';
import { ensureNamespace, namespaceReady } from './namespace';
import type { PayloadKey } from './payload-codec';
import { ensureSearchAttributes } from './search-attributes';
import { supervise } from './supervisor';
import { defaultCacheDir } from './temporal-cli';
import { pgEndpoint, prepareTemporalDatabases, startTemporalServer, startTemporalUi, stopChild, temporalSchemaDir, temporalTools } from './temporal-server';

const root = path.resolve(__dirname, '..');
const TEMPORAL_DATABASES = { main: 'temporal', visibility: 'temporal_visibility' };

export interface ClusterOptions<S> {
  adminToken: string;
  payloadKeys: PayloadKey[];
  credentialsKey: Buffer;
  /** Migrations (and demo data) on the hub's database, before any hub process starts. */
  prepare(databaseUrl: string): Promise<S>;
  connect(address: string): Promise<Connection>;
}

export interface ClusterHandle<S = Awaited<ReturnType<typeof import('../db/seed').seedDemoScheme>>> {
  seeded: S;
  temporalAddress: string;
  /** The running server's process (it changes when the supervisor restarts it). */
  temporalPid(): number;
  temporalUiUrl: string;
  api: { pid: number; port: number };
  workers: Array<{ pid: number; port: number }>;
  stop(): Promise<void>;
}

/**
 * The scale-out deployment on one machine, each part its own process: the
 * hub's PostgreSQL (embedded, or DATABASE_URL), the Temporal server on it
 * (schema set up or upgraded at every start), the Web UI, one API process and
 * CLUSTER_WORKERS worker processes, started in that order and stopped in the
 * reverse one.
 */
export async function startCluster<S>(config: Config, logger: Logger, opts: ClusterOptions<S>): Promise<ClusterHandle<S>> {
  const stops: Array<() => Promise<void>> = [];
  // Ctrl-C reaches embedded PostgreSQL with everyone else (the library spawns it in our process group): from the
  // first moment of a shutdown its exit is expected, not restarted; it is stopped last either way.
  let unsupervise = () => undefined as void;
  const stop = async () => {
    unsupervise();
    for (const s of stops.splice(0).reverse()) await s().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'stop failed'));
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, database: 'loyalty_hub', supervised: true, logger });
      stops.push(pg.stop);
      unsupervise = pg.unsupervise;
      databaseUrl = pg.url;
    }
    const tool = { systemPath: config.systemPath, cacheDir: defaultCacheDir(), logger };
    const [serverBinary, sqlTool, uiBinary] = [await ensureGoTool(temporalTools.server, tool), await ensureGoTool(temporalTools.sql, tool), await ensureGoTool(temporalTools.ui, tool)];
    const pg = pgEndpoint(databaseUrl);
    await prepareTemporalDatabases({ sqlTool, pg, databases: TEMPORAL_DATABASES, schemaDir: await temporalSchemaDir(), logger });

    const serverOptions = { binary: serverBinary, root: path.resolve(config.dataDir, 'temporal-server'), pg, databases: TEMPORAL_DATABASES, port: config.temporal.devPort, historyShards: config.temporalHistoryShards, logger };
    let server = await startTemporalServer(serverOptions);
    // A server that dies is started again (its state is in PostgreSQL); the hub's processes reconnect by themselves.
    const supervisor = supervise('Temporal server', logger, server.exited, async () => {
      server = await startTemporalServer(serverOptions);
      return { exited: server.exited };
    });
    stops.push(async () => {
      supervisor.stop();
      await server.stop();
    });
    // Namespace and search attributes once, here (compose: its one-shot setup job), before any hub process asks for them.
    const connection = await opts.connect(server.address);
    try {
      const namespace = await ensureNamespace(connection, config.temporal.namespace);
      await namespaceReady(connection, config.temporal.namespace);
      await ensureSearchAttributes(connection, config.temporal.namespace);
      logger.info({ address: server.address, namespace: config.temporal.namespace, [namespace]: true }, 'Temporal server ready');
    } finally {
      await connection.close();
    }
    const seeded = await opts.prepare(databaseUrl);

    const ui = await startTemporalUi({ binary: uiBinary, root: path.resolve(config.dataDir, 'temporal-ui'), temporalAddress: server.address, port: config.temporal.uiPort, codecEndpoint: `http://127.0.0.1:${config.port}/codec`, logger });
    stops.push(ui.stop);

    const env = {
      ...inheritedEnv(),
      // The cluster's own configuration wins over the environment it was started from (benchmarks configure it in code).
      LOG_LEVEL: config.logLevel,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_UI_URL: ui.address,
      ADMIN_TOKEN: opts.adminToken,
      PAYLOAD_KEYS: opts.payloadKeys.map((k) => `${k.id}:${k.key.toString('hex')}`).join(','),
      CREDENTIALS_KEY: opts.credentialsKey.toString('hex'),
    };
    const workers: Array<{ pid: number; port: number }> = [];
    const workerStops: Array<() => Promise<void>> = [];
    for (let i = 0; i < config.clusterWorkers; i++) {
      const port = config.workerPort + i;
      const w = hubProcess('scripts/worker.ts', { ...env, WORKER_PORT: String(port), SDK_METRICS_PORT: '' });
      workerStops.push(w.stop);
      workers.push({ pid: w.pid, port });
    }
    // Workers stop after the API (so nothing new arrives while they drain), all of them at once.
    stops.push(() => Promise.all(workerStops.map((s) => s())).then(() => undefined));
    const api = hubProcess('scripts/api.ts', { ...env, PORT: String(config.port) });
    stops.push(api.stop);

    await Promise.all([
      ready(`http://127.0.0.1:${config.port}/readyz`, 'API', api.exited),
      ...workers.map((w, i) => ready(`http://127.0.0.1:${w.port}/healthz`, `worker ${i + 1}`, null)),
    ]);
    return { seeded, temporalAddress: server.address, temporalPid: () => server.pid, temporalUiUrl: ui.address, api: { pid: api.pid, port: config.port }, workers, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A hub process (`npm run api` / `npm run worker`) of its own: node with tsx's loader, its logs on ours. */
function hubProcess(script: string, env: NodeJS.ProcessEnv): { pid: number; exited: Promise<unknown>; stop(): Promise<void> } {
  // A process group of its own: Ctrl-C reaches the whole foreground group at once, and the order of the stop
  // (API before workers before Temporal) is this process's to keep.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, script)], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    pid: child.pid ?? -1,
    exited,
    stop: () => stopChild(child, exited, 30_000),
  };
}

async function ready(url: string, name: string, exited: Promise<unknown> | null, timeoutMs = 180_000): Promise<void> {
  let gone = false;
  void exited?.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${name} exited while starting`);
    const status = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

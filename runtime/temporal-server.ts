import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import type { Logger } from './logger';
import { goRun, type GoTool } from './go-tool';
import { isPortOpen } from './free-port';

/** The server users run at scale, and the schema tool and Web UI of the same release line. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const temporalTools = {
  server: { name: 'temporal-server', module: `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}` },
  sql: { name: 'temporal-sql-tool', module: `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}` },
  // The newest UI server that builds with this machine's Go (1.26.8); later ones ask for a newer toolchain.
  ui: { name: 'temporal-ui-server', module: 'github.com/temporalio/ui-server/v2/cmd/server@v2.50.1' },
} satisfies Record<string, GoTool>;

export interface PgEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function pgEndpoint(url: string): PgEndpoint {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/** The server module's schema directory (postgresql/v12), from the module cache (downloaded through the proxy if missing). */
export async function temporalSchemaDir(): Promise<string> {
  const info = JSON.parse(await goRun(['mod', 'download', '-json', `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`])) as { Dir?: string };
  if (!info.Dir) throw new Error('go mod download did not say where the Temporal server module is');
  return path.join(info.Dir, 'schema', 'postgresql', 'v12');
}

/**
 * Temporal's two databases on the hub's PostgreSQL, created and brought to
 * the release's schema — idempotently: an existing database is kept, a
 * schema already set up is only updated (update-schema applies what is
 * missing and nothing twice), so every start can run it.
 */
export async function prepareTemporalDatabases(opts: { sqlTool: string; pg: PgEndpoint; databases: { main: string; visibility: string }; schemaDir: string; logger: Logger }): Promise<void> {
  const { pg } = opts;
  const admin = new PgClient({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres' });
  await admin.connect();
  try {
    for (const [kind, db] of [['temporal', opts.databases.main], ['visibility', opts.databases.visibility]] as const) {
      const exists = (await admin.query('select 1 from pg_database where datname = $1', [db])).rowCount === 1;
      // Identifiers cannot be bound: the name comes from configuration and is checked to be a plain one.
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(db)) throw new Error(`Temporal database name "${db}" must be lower-case letters, digits and _`);
      if (!exists) await admin.query(`create database ${db}`);
      const target = new PgClient({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: db });
      await target.connect();
      const versioned = (await target.query("select 1 from information_schema.tables where table_name = 'schema_version'")).rowCount === 1;
      await target.end();
      const tool = (...args: string[]) => run(opts.sqlTool, ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--pw', pg.password, '--db', db, ...args]);
      if (!versioned) await tool('setup-schema', '-v', '0.0');
      await tool('update-schema', '-d', path.join(opts.schemaDir, kind, 'versioned'));
      opts.logger.info({ database: db, created: !exists }, `Temporal ${kind} schema up to date`);
    }
  } finally {
    await admin.end();
  }
}

export interface TemporalServerOptions {
  binary: string;
  /** Where its config is written (DATA_DIR/temporal-server). */
  root: string;
  pg: PgEndpoint;
  databases: { main: string; visibility: string };
  /** The frontend's gRPC port; the other services take the next ones (+1 history, +2 matching, +6 worker, +10.. membership). */
  port: number;
  historyShards: number;
  logger: Logger;
}

export interface TemporalServerHandle {
  address: string;
  pid: number;
  exited: Promise<number | null>;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

/** The server's config: the shape of the module's development-postgres12.yaml, with our ports, databases and shards. */
export function serverConfig(o: Omit<TemporalServerOptions, 'binary' | 'root' | 'logger'>): string {
  const store = (db: string, conns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${db}
        connectAddr: "${o.pg.host}:${o.pg.port}"
        connectProtocol: tcp
        user: ${JSON.stringify(o.pg.user)}
        password: ${JSON.stringify(o.pg.password)}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const svc = (grpc: number, membership: number, http?: number) => `{ grpcPort: ${grpc}, membershipPort: ${membership}, bindOnLocalHost: true${http ? `, httpPort: ${http}` : ''} }`;
  return `# Written by loyalty-hub (runtime/temporal-server.ts) at every start; edits are overwritten.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${o.historyShards}
  datastores:
    default:${store(o.databases.main, 20)}
    visibility:${store(o.databases.visibility, 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:
  frontend:
    rpc: ${svc(o.port, o.port + 10, o.port + 20)}
  history:
    rpc: ${svc(o.port + 1, o.port + 11)}
  matching:
    rpc: ${svc(o.port + 2, o.port + 12)}
  worker:
    rpc: ${svc(o.port + 6, o.port + 16)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${o.port}"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: config/dynamicconfig/development.yaml
  pollInterval: 10s
`;
}

/** What the hub uses that a stock server leaves off: updates (holds), multi-operations (update-with-start) and eager starts. */
export const DYNAMIC_CONFIG = `frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableExecuteMultiOperation:
  - value: true
system.enableEagerWorkflowStart:
  - value: true
`;

/** Starts the real Temporal server on PostgreSQL and waits for its frontend. */
export async function startTemporalServer(o: TemporalServerOptions): Promise<TemporalServerHandle> {
  // Temporal keeps its membership ports in a smallint column: past 32767 the server exits at start with a database error.
  if (o.port + 20 > 32_767) throw new Error(`TEMPORAL_DEV_PORT ${o.port}: the Temporal server uses it and the next 20 ports, all of which must be at most 32767`);
  await mkdir(path.join(o.root, 'config', 'dynamicconfig'), { recursive: true });
  await writeFile(path.join(o.root, 'config', 'development.yaml'), serverConfig(o), { mode: 0o600 });
  await writeFile(path.join(o.root, 'config', 'dynamicconfig', 'development.yaml'), DYNAMIC_CONFIG);
  // Its dynamic config path is relative to the working directory: run it in its root. Its own process group, so
  // Ctrl-C leaves it to start:cluster to stop it after the hub's processes (runtime/cluster.ts).
  const child = spawn(o.binary, ['--root', o.root, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], { cwd: o.root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const handle = childHandle(child, `127.0.0.1:${o.port}`, 'Temporal server', o.logger);
  await waitForPort(o.port, handle.exited, 'Temporal server', 60_000);
  return handle;
}

/** The Web UI server in front of the cluster, decoding payloads through the hub's codec endpoint. */
export async function startTemporalUi(o: { binary: string; root: string; temporalAddress: string; port: number; codecEndpoint: string; logger: Logger }): Promise<TemporalServerHandle> {
  await mkdir(path.join(o.root, 'config'), { recursive: true });
  await writeFile(
    path.join(o.root, 'config', 'development.yaml'),
    `temporalGrpcAddress: ${o.temporalAddress}\nhost: 127.0.0.1\nport: ${o.port}\nenableUi: true\ndefaultNamespace: default\ncors:\n  allowOrigins: []\ncodec:\n  endpoint: ${o.codecEndpoint}\n  includeCredentials: true\n`,
  );
  const child = spawn(o.binary, ['--root', o.root, '--config', 'config', '--env', 'development', 'start'], { cwd: o.root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const handle = childHandle(child, `http://127.0.0.1:${o.port}`, 'Temporal UI', o.logger);
  await waitForPort(o.port, handle.exited, 'Temporal UI', 30_000);
  return handle;
}

function childHandle(child: ChildProcess, address: string, name: string, logger: Logger): TemporalServerHandle {
  // The first error line says why it stopped (a Go panic's stack follows it): keep the start of the output and its end.
  let head = '';
  let tail = '';
  const keep = (c: Buffer) => {
    const text = c.toString('utf8');
    if (head.length < 1500) head += text.slice(0, 1500 - head.length);
    tail = (tail + text).slice(-1500);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then((code) => {
    if (code !== 0 && code !== null) logger.warn({ service: name, code, output: head, last: tail.split('\n').slice(-5).join('\n') }, `${name} exited`);
  });
  return {
    address,
    pid: child.pid ?? -1,
    exited,
    kill: (signal) => child.kill(signal),
    stop: () => stopChild(child, exited, 15_000),
  };
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it has exited. */
export async function stopChild(child: ChildProcess, exited: Promise<unknown>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function waitForPort(port: number, exited: Promise<unknown>, name: string, timeoutMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${name} exited while starting`);
    if (await isPortOpen(port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not listen on ${port} within ${timeoutMs} ms`);
}

function run(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (c: Buffer) => (tail = (tail + c.toString('utf8')).slice(-3000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(binary)} ${args.filter((a, i) => args[i - 1] !== '--pw').slice(-3).join(' ')} failed (${code}):\n${tail}`))));
  });
}

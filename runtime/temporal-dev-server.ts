import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { inheritedEnv } from '../config';
import { isPortOpen } from './free-port';
import type { Logger } from './logger';
import { supervise } from './supervisor';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  namespace: string;
  logger: Logger;
  /** Persist history in this directory (SQLite); omit for an in-memory server. */
  dataDir?: string;
  headless?: boolean;
  /** The hub's codec endpoint, so the Web UI decodes encrypted payloads for signed-in ops. */
  codecEndpoint?: string;
  /** Restart the server when it dies (npm start); tests that stop it on purpose leave it off. */
  supervised?: boolean;
}

export interface DevServerHandle {
  address: string;
  uiUrl: string | null;
  /** The server's current process (fault tests pause or kill it). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

/**
 * Dynamic config for a one-box dev server, measured on 2 cores (docs/benchmarks.md):
 * - the history service polls its transfer queue at most 20 times a second by
 *   default, so every task that goes through matching (a workflow task not
 *   started eagerly, an activity, a child, an update) waits up to 50 ms for
 *   the next poll: a one-caller workflow with a local activity took 50 ms
 *   instead of 25. 1000 polls a second lifts the cap; polls still only happen
 *   when there is work.
 * - one partition per task queue: with the default four, a poller and a task
 *   on different partitions meet only through forwarding, which showed up as
 *   2-second outliers under load. One worker process needs one partition.
 */
export const devServerDynamicConfig: Record<string, number> = {
  'history.transferProcessorMaxPollRPS': 1000,
  'matching.numTaskqueueReadPartitions': 1,
  'matching.numTaskqueueWritePartitions': 1,
};

/** `temporal server start-dev`, bound to 127.0.0.1, waited on until it answers gRPC. */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServerHandle> {
  const pidFile = opts.dataDir ? path.join(opts.dataDir, 'dev-server.pid') : null;
  if (pidFile) await stopOrphan(pidFile, opts.logger);
  if (await isPortOpen(opts.port)) {
    throw new Error(
      `port ${opts.port} is already in use; set TEMPORAL_ADDRESS to use that server, or TEMPORAL_DEV_PORT to another port`,
    );
  }
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  const address = `127.0.0.1:${opts.port}`;
  let child = await launchWithRetries(opts, address, pidFile);
  const supervisor = opts.supervised
    ? supervise('Temporal dev server', opts.logger, exitOf(child), async () => {
        if (pidFile) await stopOrphan(pidFile, opts.logger);
        child = await launch(opts, address, pidFile);
        return { exited: exitOf(child) };
      })
    : null;
  return {
    address,
    uiUrl: opts.headless ? null : `http://127.0.0.1:${opts.uiPort}`,
    pid: () => child.pid,
    stop: async () => {
      supervisor?.stop();
      await stopChild(child);
      if (pidFile) await rm(pidFile, { force: true });
    },
  };
}

function devServerArgs(opts: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace];
  args.push('--log-level', 'warn');
  for (const [key, value] of Object.entries(devServerDynamicConfig)) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  if (opts.dataDir) args.push('--db-filename', path.join(opts.dataDir, 'temporal.sqlite'));
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort), '--ui-ip', '127.0.0.1');
  if (!opts.headless && opts.codecEndpoint) args.push('--ui-codec-endpoint', opts.codecEndpoint);
  return args;
}

/**
 * The first start, tried three times: the dev server also binds ports of its own choosing (HTTP, metrics, its
 * internal services), and on a busy machine one can be taken between its check and its bind — it then exits at
 * once, and a second start picks others. A server that is merely slow is not retried.
 */
async function launchWithRetries(opts: DevServerOptions, address: string, pidFile: string | null): Promise<ChildProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(opts, address, pidFile);
    } catch (err) {
      if (attempt >= 3 || !(err instanceof DevServerExited)) throw err;
      opts.logger.warn({ attempt, exit: err.message.split('\n')[0] }, 'temporal dev server exited while starting; starting it again');
      if (pidFile) await rm(pidFile, { force: true });
    }
  }
}

class DevServerExited extends Error {}

/** Spawns the server and waits until it answers; throws with its output (first and last lines) if it exits first. */
async function launch(opts: DevServerOptions, address: string, pidFile: string | null): Promise<ChildProcess> {
  const child = spawn(opts.cliPath, devServerArgs(opts), { env: inheritedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  if (pidFile && child.pid) await writeFile(pidFile, String(child.pid));
  // The start of its output says why it died (a Go panic's first lines); the end, where it was.
  let head = '';
  let output = '';
  const collect = (chunk: Buffer) => {
    if (head.length < 2000) head = (head + chunk.toString('utf8')).slice(0, 2000);
    output = (output + chunk.toString('utf8')).slice(-6000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new DevServerExited(`temporal dev server exited (${code}):\n${head}${output.startsWith(head) ? output.slice(head.length) : `\n…\n${output}`}`))),
  );
  await Promise.race([waitForTemporal(address, opts.namespace, 60_000), exited]);
  exited.catch(() => undefined);
  opts.logger.debug({ address }, 'temporal dev server ready');
  return child;
}

function exitOf(child: ChildProcess): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

/** A dev server left running by a hub that was killed still holds the port and the SQLite file. */
async function stopOrphan(pidFile: string, logger: Logger): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    if (Number.isInteger(pid) && pid > 0 && /temporal/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) {
      logger.warn({ pid }, 'stopping a Temporal dev server left running by an earlier run');
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
    }
  } catch {
    // not running any more
  }
  await rm(pidFile, { force: true });
}

async function waitForTemporal(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not become ready: ${String(lastError)}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

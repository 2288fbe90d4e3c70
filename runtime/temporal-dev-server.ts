import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { inheritedEnv } from '../config';
import { isPortOpen } from './free-port';
import type { Logger } from './logger';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  namespace: string;
  logger: Logger;
  /** Persist history in this directory (SQLite); omit for an in-memory server. */
  dataDir?: string;
  headless?: boolean;
}

export interface DevServerHandle {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

/** `temporal server start-dev`, bound to 127.0.0.1, waited on until it answers gRPC. */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServerHandle> {
  if (await isPortOpen(opts.port)) {
    throw new Error(
      `port ${opts.port} is already in use; set TEMPORAL_ADDRESS to use that server, or TEMPORAL_DEV_PORT to another port`,
    );
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace];
  args.push('--log-level', 'warn');
  if (opts.dataDir) {
    await mkdir(opts.dataDir, { recursive: true });
    args.push('--db-filename', path.join(opts.dataDir, 'temporal.sqlite'));
  }
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort), '--ui-ip', '127.0.0.1');

  const child = spawn(opts.cliPath, args, { env: inheritedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal dev server exited (${code}):\n${output}`))),
  );

  const address = `127.0.0.1:${opts.port}`;
  await Promise.race([waitForTemporal(address, opts.namespace, 60_000), exited]);
  exited.catch(() => undefined);
  opts.logger.debug({ address }, 'temporal dev server ready');
  return {
    address,
    uiUrl: opts.headless ? null : `http://127.0.0.1:${opts.uiPort}`,
    stop: () => stopChild(child),
  };
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

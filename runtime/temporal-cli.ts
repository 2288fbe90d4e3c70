import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inheritedEnv } from '../config';
import type { Logger } from './logger';

/** The newest CLI release whose go.mod has no `replace` directive, so `go install` accepts it. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export interface TemporalCliOptions {
  explicitPath?: string;
  systemPath: string;
  cacheDir?: string;
  logger: Logger;
}

export function defaultCacheDir(): string {
  return path.join(os.homedir(), '.cache', 'loyalty-hub');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(systemPath: string): string | null {
  for (const dir of systemPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'temporal');
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * Finds or obtains the Temporal CLI (dev server + Web UI), in this order:
 * TEMPORAL_CLI_PATH → `temporal` on PATH → our cache → the SDK's download
 * (needs the open internet) → `go install` from the Go module proxy.
 */
export async function ensureTemporalCli(opts: TemporalCliOptions): Promise<string> {
  const { logger } = opts;
  if (opts.explicitPath) {
    if (!isExecutable(opts.explicitPath)) throw new Error(`TEMPORAL_CLI_PATH=${opts.explicitPath} is not an executable file`);
    return opts.explicitPath;
  }
  const found = onPath(opts.systemPath);
  if (found) return found;

  const binDir = path.join(opts.cacheDir ?? defaultCacheDir(), 'bin');
  const cached = path.join(binDir, 'temporal');
  if (isExecutable(cached)) return cached;
  await mkdir(binDir, { recursive: true });

  const downloaded = await trySdkDownload(logger);
  if (downloaded) {
    await copyFile(downloaded.file, cached);
    await downloaded.cleanup();
    return cached;
  }

  await goInstall(binDir, logger);
  if (!isExecutable(cached)) throw new Error(`go install finished but ${cached} is missing`);
  return cached;
}

async function trySdkDownload(logger: Logger): Promise<{ file: string; cleanup(): Promise<void> } | null> {
  let testing: typeof import('@temporalio/testing');
  try {
    testing = await import('@temporalio/testing');
  } catch {
    return null; // production install without dev dependencies
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'temporal-dl-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    logger.info('trying the Temporal SDK download of the CLI');
    const env = await withTimeout(
      testing.TestWorkflowEnvironment.createLocal({
        server: { executable: { type: 'cached-download', downloadDir: dir }, ui: false },
      }),
      120_000,
    );
    await env.teardown();
    const file = readdirSync(dir)
      .map((f) => path.join(dir, f))
      .find(isExecutable);
    if (file) return { file, cleanup };
  } catch (err) {
    logger.info({ reason: (err as Error).message?.split('\n')[0] }, 'SDK download unavailable; building from source');
  }
  await cleanup();
  return null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function goInstall(binDir: string, logger: Logger): Promise<void> {
  const go = ['/usr/local/go/bin/go', 'go'].find((g) => g === 'go' || existsSync(g)) ?? 'go';
  logger.info(`building the Temporal CLI: go install ${TEMPORAL_CLI_MODULE} (first time takes several minutes)`);
  const started = Date.now();
  const heartbeat = setInterval(() => {
    logger.info(`still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s)`);
  }, 20_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ['install', TEMPORAL_CLI_MODULE], {
        env: { ...inheritedEnv(), GOBIN: binDir },
        stdio: ['ignore', 'inherit', 'pipe'],
      });
      let tail = '';
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        tail = (tail + text).slice(-4000);
        for (const line of text.split('\n').filter(Boolean)) logger.debug({ component: 'go' }, line);
      });
      child.on('error', (err) => reject(new Error(`cannot run go (${err.message}); install Go or set TEMPORAL_CLI_PATH`)));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`go install failed (${code}):\n${tail}`))));
    });
  } finally {
    clearInterval(heartbeat);
  }
  logger.info(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s`);
}

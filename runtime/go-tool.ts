import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inheritedEnv } from '../config';
import type { Logger } from './logger';

export interface GoTool {
  /** The name it is found by on PATH and kept under in the cache (`temporal-server`). */
  name: string;
  /** What `go install` builds (`go.temporal.io/server/cmd/server@v1.29.1`). */
  module: string;
}

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * A Go program the hub runs (the Temporal server, its SQL schema tool, the
 * Web UI server), found like the CLI: on PATH by its name → in our cache →
 * built with `go install` from the Go module proxy, with a progress line every
 * 20 s. Several of them build a binary called `server`, so each is built into
 * its own directory and kept under its own name.
 */
export async function ensureGoTool(tool: GoTool, opts: { systemPath: string; cacheDir: string; logger: Logger }): Promise<string> {
  for (const dir of opts.systemPath.split(path.delimiter).filter(Boolean)) {
    if (executable(path.join(dir, tool.name))) return path.join(dir, tool.name);
  }
  const binDir = path.join(opts.cacheDir, 'bin');
  const cached = path.join(binDir, tool.name);
  if (executable(cached)) return cached;
  await mkdir(binDir, { recursive: true });
  const gobin = await mkdtemp(path.join(os.tmpdir(), `${tool.name}-`));
  const started = Date.now();
  opts.logger.info(`building ${tool.name}: go install ${tool.module} (the first time takes minutes)`);
  const heartbeat = setInterval(() => opts.logger.info(`still building ${tool.name} (${Math.round((Date.now() - started) / 1000)} s)`), 20_000);
  try {
    await goRun(['install', tool.module], { GOBIN: gobin });
    const [built] = await readdir(gobin);
    if (!built) throw new Error(`go install ${tool.module} produced nothing`);
    await rename(path.join(gobin, built), cached);
  } finally {
    clearInterval(heartbeat);
    await rm(gobin, { recursive: true, force: true });
  }
  opts.logger.info(`${tool.name} built in ${Math.round((Date.now() - started) / 1000)} s`);
  return cached;
}

/** Runs `go …`; answers its stdout. */
export function goRun(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { env: { ...inheritedEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let tail = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (tail = (tail + c.toString('utf8')).slice(-4000)));
    child.on('error', (err) => reject(new Error(`cannot run go (${err.message}): install Go, or put the tool on PATH`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`go ${args.join(' ')} failed (${code}):\n${tail}`))));
  });
}

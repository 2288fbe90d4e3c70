import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export interface SpawnedScript {
  child: ChildProcess;
  /** Resolves with the first stdout line starting with `prefix` (the rest of the line). */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs a TypeScript helper script in its own process, as a separate service would run. */
export function spawnScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnedScript {
  // node itself with tsx's loader, not the tsx CLI: the CLI forks a second
  // process, and a signal sent to the CLI would not reach the script.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const l of [...listeners]) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    child,
    output: () => out,
    waitFor(prefix, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = out.split('\n').find((l) => l.startsWith(prefix));
          if (line !== undefined) {
            cleanup();
            resolve(line.slice(prefix.length).trim());
          }
        };
        const onExit = () => {
          cleanup();
          reject(new Error(`${script} exited before printing "${prefix}":\n${out}`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${script} did not print "${prefix}" within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(check), 1);
          child.off('exit', onExit);
        };
        listeners.push(check);
        child.once('exit', onExit);
        check();
      });
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}

export async function eventually<T>(fn: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
}

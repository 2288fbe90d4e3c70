import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger';

/**
 * The start banner carries secrets (the demo API key, a generated admin
 * token), so it never goes to the log stream (stdout, which `npm start >
 * hub.log` and every log shipper collect): to the terminal when there is one
 * (stderr is a TTY), otherwise to a file only its owner can read under
 * DATA_DIR, whose path — not its content — is logged.
 */
export function showBanner(lines: string[], opts: { dataDir: string; logger: Logger; terminal?: NodeJS.WriteStream }): string | null {
  const terminal = opts.terminal ?? process.stderr;
  const text = lines.join('\n') + '\n';
  if (terminal.isTTY) {
    terminal.write(text);
    return null;
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'start-banner.txt');
  writeFileSync(file, text, { mode: 0o600 });
  // An existing file keeps its old mode through writeFileSync: set it.
  chmodSync(file, 0o600);
  opts.logger.info({ file }, 'no terminal: the start banner (demo API key, admin token) is in this file, readable by its owner only');
  return file;
}

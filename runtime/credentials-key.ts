import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm start` without CREDENTIALS_KEY: a key kept next to the local database
 * (created once, readable by this user only), so stored partner credentials
 * survive restarts. Deployments set CREDENTIALS_KEY instead.
 */
export function localCredentialsKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'credentials.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  }
}

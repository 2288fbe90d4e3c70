import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PayloadKey } from './payload-codec';

/**
 * `npm start` without PAYLOAD_KEYS: one key kept next to the local database
 * (created once, readable by this user only), so local histories stay
 * readable across restarts. Deployments set PAYLOAD_KEYS instead.
 */
export function localPayloadKeys(dataDir: string): PayloadKey[] {
  const file = path.join(dataDir, 'payload.keys');
  try {
    return readFileSync(file, 'utf8')
      .trim()
      .split(',')
      .map((pair) => {
        const [id, hex] = pair.split(':') as [string, string];
        return { id, key: Buffer.from(hex, 'hex') };
      });
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = { id: 'local-1', key: randomBytes(32) };
    writeFileSync(file, `${key.id}:${key.key.toString('hex')}`, { mode: 0o600, flag: 'wx' });
    return [key];
  }
}

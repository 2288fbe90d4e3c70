import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';

/** What a till knows: the hub's base URL and its scheme's credentials. */
export interface Till {
  base: string;
  scheme: string;
  key: string;
}

/**
 * `--base URL --scheme ID --key KEY`; without them, the base from PORT and the demo scheme's credentials from
 * `npm start`'s banner file (written when it runs without a terminal, on the start that issued the key).
 */
export function tillFromArgs(): Till {
  const { values } = parseArgs({ options: { base: { type: 'string' }, scheme: { type: 'string' }, key: { type: 'string' } } });
  const config = loadConfig();
  const bannerFile = path.join(config.dataDir, 'start-banner.txt');
  const banner = existsSync(bannerFile) ? readFileSync(bannerFile, 'utf8') : '';
  const till = {
    base: values.base ?? `http://127.0.0.1:${config.port}`,
    scheme: values.scheme ?? /X-Scheme: (\S+)/.exec(banner)?.[1] ?? '',
    key: values.key ?? /X-ApiKey: (\S+)/.exec(banner)?.[1] ?? '',
  };
  if (!till.scheme || !till.key) throw new Error('no credentials: pass --scheme and --key (a scheme API key), or run after npm start wrote its banner file');
  return till;
}

type Json = Record<string, unknown>;
type Shape = Record<string, 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null'>;

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * A day at a shop as steps: each call must answer the expected status with the fields the dialect documents, in
 * its JSON types. The first mismatch ends the day (exit 1) with what was asked and what came back.
 */
export class Day {
  constructor(
    private readonly till: Till,
    private readonly headers: Record<string, string>,
    private readonly lines: string[] = [],
  ) {}

  /** The same day, calling with other credentials (another of the hub's doors). */
  as(headers: Record<string, string>): Day {
    return new Day(this.till, headers, this.lines);
  }

  async step(name: string, method: string, route: string, body: unknown, status: number, shape: Shape = {}, headers: Record<string, string> = {}): Promise<Json> {
    const res = await fetch(this.till.base + route, { method, headers: { 'Content-Type': 'application/json', ...this.headers, ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    const answer = (text ? JSON.parse(text) : {}) as Json;
    const wrong = Object.entries(shape).filter(([field, type]) => typeOf(answer[field]) !== type);
    if (res.status !== status || wrong.length) {
      throw new Error(`${name}: ${method} ${route} answered ${res.status} (expected ${status})${wrong.length ? `; fields of the wrong type: ${wrong.map(([f, t]) => `${f} (${typeOf(answer[f])}, expected ${t})`).join(', ')}` : ''}\n${text}`);
    }
    this.lines.push(`  ✓ ${name}`);
    return answer;
  }

  expect(name: string, ok: boolean, detail: string): void {
    if (!ok) throw new Error(`${name}: ${detail}`);
    this.lines.push(`  ✓ ${name}`);
  }

  summary(): string {
    return this.lines.join('\n');
  }
}

export function runDay(title: string, day: () => Promise<string>): void {
  day().then(
    (summary) => {
      console.log(`${title}: a day at the shop, every step as documented\n${summary}`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(`${title}: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}

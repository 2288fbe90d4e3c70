import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a typed
 * `Config`, so a bad value fails at start-up with one clear message instead of
 * surfacing later as a confusing runtime error.
 */
const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  PORT: port.default(3000),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('loyalty-hub'),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/ }).optional(),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PATH: z.string().default(''),
  CREDENTIALS_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 32 bytes as 64 hex characters (openssl rand -hex 32)')
    .optional(),
  PAYLOAD_KEYS: z
    .string()
    .regex(/^[\w-]{1,32}:[0-9a-fA-F]{64}(,[\w-]{1,32}:[0-9a-fA-F]{64})*$/, 'must be id:hex64[,id:hex64…], the first encrypting (openssl rand -hex 32 per key)')
    .optional(),
  CODEC_CORS_ORIGINS: z
    .string()
    .regex(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, 'must be a comma-separated list of origins (http[s]://host[:port])')
    .optional(),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'must look like 100kb')
    .default('100kb'),
  REQUEST_DEADLINE_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
  HUB_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(16),
  BENCH_CPU_PROFILE: z.string().min(1).optional(),
  SDK_METRICS_PORT: port.optional(),
  WORKER_PORT: port.default(3001),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  TEMPORAL_HISTORY_SHARDS: z.coerce.number().int().min(1).max(16384).default(8),
  CLUSTER_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
});

/** Every variable the hub reads (compose's environments are checked against it: test/compose.test.ts). */
export const configVariables: readonly string[] = Object.keys(envSchema.shape);

export interface Config {
  port: number;
  adminToken: string | undefined;
  databaseUrl: string | undefined;
  temporal: {
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    uiPort: number;
    /** The Web UI of an external cluster, for the console's links (the dev server's is known to npm start). */
    uiUrl: string | undefined;
    devPort: number;
    cliPath: string | undefined;
  };
  embeddedPostgresPort: number;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  bodyLimit: string;
  /** Every request is answered within this many milliseconds (201, 202 or 503 with Retry-After). */
  requestDeadlineMs: number;
  /** How much work one process takes on at once; pools, slots and the HTTP admission limit follow from it (config/capacity.ts). */
  concurrency: number;
  /** Seals partner connection credentials at rest (AES-256-GCM). */
  credentialsKey: Buffer | undefined;
  /** Seal Temporal payloads (AES-256-GCM): the first encrypts, all decrypt (rotation). */
  payloadKeys: Array<{ id: string; key: Buffer }> | undefined;
  /** Browser origins allowed to call the codec endpoint (the Temporal Web UI); default: the local dev UI. */
  codecCorsOrigins: string[];
  /** The executable search path, to find a `temporal` already installed. */
  systemPath: string;
  /** Benchmarks only: write a V8 CPU profile of the hub process into this directory. */
  benchCpuProfile: string | undefined;
  /** Loopback port where the Temporal SDK serves its worker metrics (read into /metrics); a free one when unset. */
  sdkMetricsPort: number | undefined;
  /** `npm run worker`: the port of its /healthz and /metrics. */
  workerPort: number;
  /** Tests only: the browser the console's end-to-end test drives (Debian's chromium). */
  chromiumPath: string;
  /** start:cluster: the Temporal server's history shards (fixed for the life of its database). */
  temporalHistoryShards: number;
  /** start:cluster: how many worker processes (ports WORKER_PORT, WORKER_PORT + 1, …). */
  clusterWorkers: number;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function parseConfig(env: Env): Config {
  // Treat empty strings as unset: `FOO= npm start` should mean "use the default".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  return {
    port: e.PORT,
    adminToken: e.ADMIN_TOKEN,
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiPort: e.TEMPORAL_UI_PORT,
      uiUrl: e.TEMPORAL_UI_URL,
      devPort: e.TEMPORAL_DEV_PORT,
      cliPath: e.TEMPORAL_CLI_PATH,
    },
    embeddedPostgresPort: e.EMBEDDED_POSTGRES_PORT,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    requestDeadlineMs: e.REQUEST_DEADLINE_MS,
    concurrency: e.HUB_CONCURRENCY,
    credentialsKey: e.CREDENTIALS_KEY ? Buffer.from(e.CREDENTIALS_KEY, 'hex') : undefined,
    payloadKeys: e.PAYLOAD_KEYS?.split(',').map((pair) => {
      const [id, hex] = pair.split(':') as [string, string];
      return { id, key: Buffer.from(hex, 'hex') };
    }),
    codecCorsOrigins: e.CODEC_CORS_ORIGINS?.split(',') ?? [`http://localhost:${e.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${e.TEMPORAL_UI_PORT}`],
    systemPath: e.PATH,
    benchCpuProfile: e.BENCH_CPU_PROFILE,
    sdkMetricsPort: e.SDK_METRICS_PORT,
    workerPort: e.WORKER_PORT,
    chromiumPath: e.CHROMIUM_PATH,
    temporalHistoryShards: e.TEMPORAL_HISTORY_SHARDS,
    clusterWorkers: e.CLUSTER_WORKERS,
  };
}

/** Reads the process environment once; call from entry points only. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}

/** The environment handed to child processes we spawn (Temporal CLI, go). */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}

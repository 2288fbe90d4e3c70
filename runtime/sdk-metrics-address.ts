import type { Config } from '../config';
import { freePort } from './free-port';

/** Where this process's Temporal SDK serves its metrics: loopback only, since /metrics is what gets scraped. */
export async function sdkMetricsAddress(config: Config): Promise<string> {
  return `127.0.0.1:${config.sdkMetricsPort ?? (await freePort())}`;
}

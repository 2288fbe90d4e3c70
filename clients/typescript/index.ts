import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';

export interface HubClientOptions {
  /** Where the hub answers, e.g. `http://localhost:3000` (no trailing path). */
  baseUrl: string;
  /** The scheme (tenant) the calls act on, sent as `X-Scheme`; every call on a scheme's data needs it, platform management does not. */
  scheme?: string;
  /** A scheme's API key (`lhk_…`), sent as `X-ApiKey`: tills and shops. */
  apiKey?: string;
  /** The hub's ADMIN_TOKEN, sent as `Authorization: Bearer`: management, and ops acting for `scheme`. */
  adminToken?: string;
  /** Another fetch (tests, timeouts, proxies); the global one by default. */
  fetch?: ClientOptions['fetch'];
  /** Further headers sent on every call. */
  headers?: Record<string, string>;
}

export type HubClient = Client<paths>;

/** The credential headers the hub reads (api/middleware/auth.ts); where both a key and the token are given, the hub takes the token. */
export function hubHeaders({ scheme, apiKey, adminToken }: Pick<HubClientOptions, 'scheme' | 'apiKey' | 'adminToken'>): Record<string, string> {
  return {
    ...(scheme ? { 'X-Scheme': scheme } : {}),
    ...(apiKey ? { 'X-ApiKey': apiKey } : {}),
    ...(adminToken ? { Authorization: `Bearer ${adminToken}` } : {}),
  };
}

/**
 * A typed client of the hub: paths, parameters, bodies and answers are
 * checked against the hub's OpenAPI document (schema.d.ts, generated).
 *
 * ```ts
 * const hub = createHubClient({ baseUrl: 'http://localhost:3000', scheme, apiKey });
 * const { data, error } = await hub.GET('/v1/customers/{id}', { params: { path: { id } } });
 * ```
 */
export function createHubClient(options: HubClientOptions): HubClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: { ...options.headers, ...hubHeaders(options) },
  });
}

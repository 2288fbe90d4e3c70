import { operationIds } from './operation-ids';

interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}
type Paths = Record<string, Record<string, Operation>>;

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before repeating the request', schema: { type: 'integer', minimum: 1 } } };

/** Routes that answer from the process alone: no dependency, so no 503. */
const selfContained = new Set(['GET /healthz', 'GET /metrics', 'GET /openapi.json', 'GET /docs', 'GET /codec']);

/**
 * What every operation of the hub has in common, applied once to the whole
 * document rather than repeated in each declaration: its `operationId`
 * (operation-ids.ts), `security: []` on public routes, and the error answers
 * the middleware gives every route — 400 on every route (the door checks every
 * request), 413/415 where a body can be sent, 404 where the path names a resource, 401 where there are
 * credentials, 503 with Retry-After where a dependency is involved —
 * each with the Error schema (an error answer declared without one gets it).
 */
export function applyConventions(paths: Paths): void {
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (op.operationId) continue; // declared as an endpoint (api/endpoints/): conventions applied there
      const id = operationIds[key];
      if (!id) throw new Error(`no operationId for ${key} (api/openapi/operation-ids.ts)`);
      op.operationId = id;
      const secured = (op.security?.length ?? 0) > 0;
      if (!secured) op.security = [];
      const add = (status: string, description: string, headers?: Record<string, unknown>) => {
        op.responses[status] ??= { description, content: errorContent, ...(headers ? { headers } : {}) };
      };
      // Every request is checked at the door (NUL characters anywhere, a path that is not UTF-8), so any route may 400.
      add('400', 'Invalid request (validation_failed, malformed_json)');
      if (op.requestBody || method !== 'get') {
        add('413', 'payload_too_large: the body is over BODY_LIMIT');
        add('415', 'unsupported_media_type: the body is not JSON');
      }
      // One not-found rule: a resource named in the path that is unknown, or another scheme's, is 404.
      if ((op.parameters as Array<{ in?: string }> | undefined)?.some((p) => p.in === 'path')) add('404', 'Not found (unknown, or not this scheme\'s)');
      if (secured) add('401', 'Missing or invalid credentials');
      if (!selfContained.has(key)) add('503', 'dependency_unavailable or overloaded: repeat the same request after Retry-After', retryAfter);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && !response.content) response.content = errorContent;
      }
    }
  }
}

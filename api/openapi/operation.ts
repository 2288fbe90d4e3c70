import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Access, Endpoints, EndpointSpec } from '../endpoints/endpoint';
import { ErrorBody } from '../schemas/common';
import { errorSchemas } from '../schemas/dialect-errors';
import { dialectOfPath } from '../dialects';
import { errors, unauthorized } from './responses';

const security: Record<Access, RouteConfig['security']> = {
  key: [{ schemeId: [], apiKey: [] }],
  posKey: [{ posApiKey: [] }],
  owner: [{ ownerBearer: [] }],
  keyOrOps: [{ schemeId: [], apiKey: [] }, { admin: [], schemeId: [] }],
  ops: [{ admin: [], schemeId: [] }],
  admin: [{ admin: [] }],
  // Signed per request with the connection's secret (not a token a client holds), but a credential all the same: a 401 is its refusal.
  signature: [{ webhookSignature: [] }],
  codec: [{ admin: [] }, { codecSession: [] }],
  public: [],
};

/**
 * The OpenAPI operation of a declared endpoint, with what every operation of
 * the hub has in common added once here rather than repeated in each
 * declaration: the error answers the middleware gives every route — 400 on
 * every route (the door checks every request), 413/415 where a body can be
 * sent, 404 where the path names a resource, 401 where there are credentials
 * (naming the ones the route accepts, with WWW-Authenticate),
 * 503 with Retry-After where a dependency is involved — each with the error
 * schema of the path's dialect (an error answer declared without one gets it):
 * the error middleware writes that shape (api/dialects.ts).
 */
export function operation(spec: EndpointSpec, path: string, operationId: string, aliasOf?: string, aliasResponses?: Record<number, ResponseConfig>): RouteConfig {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, response] of Object.entries({ ...spec.responses, ...aliasResponses })) {
    responses[status] = Number(status) >= 400 && !response.content ? { ...response, content: { 'application/json': { schema: ErrorBody } } } : response;
  }
  const add = (status: number, response: ResponseConfig) => {
    responses[status] ??= response;
  };
  add(400, errors[400]);
  if (spec.request?.body || spec.method !== 'get') {
    add(413, errors[413]);
    add(415, errors[415]);
  }
  // One not-found rule: a resource named in the path that is unknown, or another scheme's, is 404.
  if (/\{\w+\}/.test(path)) add(404, errors[404]);
  if (spec.access !== 'public') add(401, unauthorized(spec.access));
  if (!spec.selfContained) add(503, errors[503]);
  // The error middleware answers in the path's dialect (api/dialects.ts): so does the document.
  const dialectError = errorSchemas[dialectOfPath(path)];
  for (const [status, response] of Object.entries(responses)) {
    const media = response.content?.['application/json'];
    if (Number(status) >= 400 && media && 'schema' in media && media.schema === ErrorBody) responses[status] = { ...response, content: { 'application/json': { schema: dialectError } } };
  }
  const { params, query, headers, body, example, bodyOptional } = spec.request ?? {};
  return {
    method: spec.method,
    path,
    operationId,
    summary: spec.summary,
    ...(aliasOf || spec.description ? { description: [spec.description, aliasOf && `The same operation as \`${aliasOf}\`, at the path Loyale's clients call.`].filter(Boolean).join('\n\n') } : {}),
    tags: [...spec.tags],
    security: security[spec.access],
    request: {
      ...(params ? { params } : {}),
      ...(query ? { query } : {}),
      ...(headers ? { headers } : {}),
      ...(body ? { body: { required: !bodyOptional, content: { 'application/json': { schema: body, ...(example === undefined ? {} : { example }) } } } } : {}),
    },
    responses,
  };
}

/** Registers a feature's endpoints (and their aliases) in the document. */
export function registerEndpoints(registry: OpenAPIRegistry, declared: Endpoints): void {
  for (const [operationId, spec] of Object.entries(declared)) {
    registry.registerPath(operation(spec, spec.path, operationId));
    for (const alias of spec.aliases ?? []) registry.registerPath(operation(spec, alias.path, alias.operationId, operationId, alias.responses));
  }
}

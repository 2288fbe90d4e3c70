import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { IdParam } from '../schemas/common';
import { ApiKeyParams, ApiKeyView, CreateApiKeyBody, CreateSchemeBody, IssuedApiKeyView, SchemeView } from '../schemas/schemes';
import { adminSecurity, errors, json } from './responses';

export function registerSchemePaths(registry: OpenAPIRegistry): void {
  const common = { tags: ['schemes'], security: adminSecurity };
  registry.registerPath({
    ...common,
    method: 'post',
    path: '/v1/schemes',
    summary: 'Create a scheme (tenant)',
    request: { body: { content: { 'application/json': { schema: CreateSchemeBody } } } },
    responses: { 201: json('Created', SchemeView), 400: errors[400], 401: errors[401], 409: errors[409] },
  });
  registry.registerPath({
    ...common,
    method: 'get',
    path: '/v1/schemes/{id}',
    summary: 'Get a scheme',
    request: { params: IdParam },
    responses: { 200: json('The scheme', SchemeView), 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
    ...common,
    method: 'get',
    path: '/v1/schemes/{id}/api-keys',
    summary: "List a scheme's API keys (never the keys themselves)",
    request: { params: IdParam },
    responses: { 200: json('Keys', z.object({ data: z.array(ApiKeyView) })), 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
    ...common,
    method: 'post',
    path: '/v1/schemes/{id}/api-keys',
    summary: 'Issue an API key; the response is the only time it is shown',
    request: { params: IdParam, body: { content: { 'application/json': { schema: CreateApiKeyBody } } } },
    responses: { 201: json('Issued', IssuedApiKeyView), 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
    ...common,
    method: 'delete',
    path: '/v1/schemes/{id}/api-keys/{keyId}',
    summary: 'Revoke an API key, effective immediately',
    request: { params: ApiKeyParams },
    responses: { 200: json('Revoked', ApiKeyView), 401: errors[401], 404: errors[404] },
  });
}

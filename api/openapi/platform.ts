import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errors, json } from './responses';
import { CodecPayloads } from '../codec/wire';

export function registerPlatformPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tags: ['platform'],
    responses: { 200: json('Alive', z.object({ status: z.literal('ok') })) },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: PostgreSQL and Temporal reachable',
    tags: ['platform'],
    responses: {
      200: json('Ready', z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) })),
      503: errors[503],
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    tags: ['platform'],
    responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tags: ['platform'],
    responses: { 200: json('OpenAPI 3.1 document', z.record(z.string(), z.unknown())) },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs',
    summary: 'This document, rendered (Swagger UI)',
    tags: ['platform'],
    responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/codec',
    summary: 'Codec sign-in page: trade the admin token for a codec session cookie (for the Temporal Web UI)',
    tags: ['platform'],
    responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
  });
  registry.registerPath({
    method: 'post',
    path: '/codec/session',
    summary: 'Start a codec session (HttpOnly cookie, 8 h) with the admin bearer token',
    tags: ['platform'],
    security: [{ admin: [] }],
    responses: { 204: { description: 'Signed in; Set-Cookie hub_codec' }, 401: errors[401] },
  });
  for (const op of ['decode', 'encode'] as const) {
    registry.registerPath({
      method: 'post',
      path: `/codec/${op}`,
      summary: `Temporal codec server protocol: ${op} payloads with the hub's payload keys (admin bearer or codec session cookie; CORS for the Web UI)`,
      tags: ['platform'],
      security: [{ admin: [] }],
      request: { body: { content: { 'application/json': { schema: CodecPayloads } } } },
      responses: { 200: json(`${op}d payloads`, CodecPayloads), 400: errors[400], 401: errors[401] },
    });
  }
}

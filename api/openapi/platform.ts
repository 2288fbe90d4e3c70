import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errors, json } from './responses';

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
}

import { z } from 'zod';
import { CodecPayloads } from '../codec/wire';
import { errors, json } from '../openapi/responses';
import { endpoints } from './endpoint';

const tags = ['platform'];
const html = { description: 'HTML', content: { 'text/html': { schema: z.string() } } };

/** The process itself: health, metrics and this API's own description. */
export const platformEndpoints = endpoints({
  getLiveness: {
    method: 'get',
    path: '/healthz',
    access: 'public',
    selfContained: true,
    tags,
    summary: 'Liveness: the process answers',
    responses: { 200: json('Alive', z.object({ status: z.literal('ok') })) },
  },
  getReadiness: {
    method: 'get',
    path: '/readyz',
    access: 'public',
    tags,
    summary: 'Readiness: PostgreSQL and Temporal reachable',
    responses: { 200: json('Ready', z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) })), 503: errors[503] },
  },
  getMetrics: {
    method: 'get',
    path: '/metrics',
    access: 'public',
    selfContained: true,
    tags,
    summary: 'Prometheus metrics',
    responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } } },
  },
  getOpenApiDocument: {
    method: 'get',
    path: '/openapi.json',
    access: 'public',
    selfContained: true,
    tags,
    summary: 'This document',
    responses: { 200: json('OpenAPI 3.1 document', z.record(z.string(), z.unknown())) },
  },
  getApiDocs: {
    method: 'get',
    path: '/docs',
    access: 'public',
    selfContained: true,
    tags,
    summary: 'This document, rendered (Swagger UI)',
    responses: { 200: html },
  },
});

const payloadsExample = { payloads: [{ metadata: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==' }, data: 'AAECAw==' }] };

/**
 * The codec server protocol for the Temporal Web UI and CLI, so authorised ops
 * read the payloads the hub encrypts.
 */
export const codecEndpoints = endpoints({
  getCodecSignIn: {
    method: 'get',
    path: '/codec',
    access: 'public',
    selfContained: true,
    tags,
    summary: 'Codec sign-in page: trade the admin token for a codec session cookie (for the Temporal Web UI)',
    responses: { 200: html },
  },
  startCodecSession: {
    method: 'post',
    path: '/codec/session',
    access: 'admin',
    tags,
    summary: 'Start a codec session (HttpOnly cookie, 8 h) with the admin bearer token',
    responses: { 204: { description: 'Signed in; Set-Cookie hub_codec' } },
  },
  decodePayloads: {
    method: 'post',
    path: '/codec/decode',
    access: 'codec',
    tags,
    summary: "Temporal codec server protocol: decode payloads with the hub's payload keys (admin bearer or codec session cookie; CORS for the Web UI)",
    request: { body: CodecPayloads, example: payloadsExample },
    responses: { 200: json('decoded payloads', CodecPayloads) },
  },
  encodePayloads: {
    method: 'post',
    path: '/codec/encode',
    access: 'codec',
    tags,
    summary: "Temporal codec server protocol: encode payloads with the hub's payload keys (admin bearer or codec session cookie; CORS for the Web UI)",
    request: { body: CodecPayloads, example: payloadsExample },
    responses: { 200: json('encoded payloads', CodecPayloads) },
  },
});

import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Access } from '../endpoints/endpoint';
import { credentials } from '../middleware/auth';
import { ErrorBody } from '../schemas/common';

export function json(description: string, schema: z.ZodType): ResponseConfig {
  return { description, content: { 'application/json': { schema } } };
}

/** An error answer: always the Error schema. */
export const error = (description: string) => json(description, ErrorBody);

/** A route's 401: what it accepts, and the WWW-Authenticate challenges the answer carries. */
export const unauthorized = (access: Exclude<Access, 'public'>): ResponseConfig => ({
  ...error(`Missing or invalid credentials. ${credentials[access].send}`),
  headers: z.object({ 'WWW-Authenticate': z.string().meta({ description: 'One challenge per accepted credential', example: credentials[access].challenges.join(', ') }) }),
});

export const errors = {
  400: error('Invalid request (validation_failed, malformed_json)'),
  401: error('Missing or invalid credentials'),
  404: error("Not found (unknown, or not this scheme's)"),
  409: error('Conflict (duplicate, or Idempotency-Key reused with another body)'),
  413: error('payload_too_large: the body is over BODY_LIMIT'),
  415: error('unsupported_media_type: the body is not JSON'),
  503: {
    ...error('dependency_unavailable: PostgreSQL or Temporal is down or too slow, or the operation did not finish within the request deadline (repeat the same request, same uniqueId or Idempotency-Key); overloaded: shed at the door, untouched'),
    headers: z.object({ 'Retry-After': z.number().int().min(1).meta({ description: 'Seconds to wait before repeating the request' }) }),
  },
};

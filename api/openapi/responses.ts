import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ErrorBody } from '../schemas/common';

export function json(description: string, schema: z.ZodType): ResponseConfig {
  return { description, content: { 'application/json': { schema } } };
}

const error = (description: string) => json(description, ErrorBody);

export const errors = {
  400: error('Invalid request (validation_failed, malformed_json)'),
  401: error('Missing or invalid credentials'),
  404: error('Not found'),
  409: error('Conflict (duplicate, or Idempotency-Key reused with another body)'),
  503: error('A dependency is unavailable'),
};

export const adminSecurity = [{ admin: [] }];
export const schemeSecurity = [{ schemeId: [], apiKey: [] }];

import { z } from 'zod';
import { apiKeyRoles, isIanaTimeZone } from '../../domain/scheme';

export const CreateSchemeBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    timeZone: z.string().refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Malta'),
  })
  .strict()
  .meta({ id: 'CreateScheme' });

export const SchemeView = z
  .object({ id: z.uuid(), name: z.string(), currency: z.string(), timeZone: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'Scheme' });

export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z
      .enum(apiKeyRoles)
      .optional()
      .meta({ description: "`pos` (default): a till's key. `owner`: also the bearer of Loyalty+'s owner API (`/v1/owner/…`), which refuses till keys" }),
  })
  .strict()
  .meta({ id: 'CreateApiKey' });

export const ApiKeyView = z
  .object({
    id: z.uuid(),
    schemeId: z.uuid(),
    name: z.string().nullable(),
    prefix: z.string().meta({ description: 'The first characters of the key, to recognise it' }),
    role: z.enum(apiKeyRoles),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const IssuedApiKeyView = ApiKeyView.extend({
  key: z.string().meta({ description: 'The key in clear. Shown once, never again.' }),
}).meta({ id: 'IssuedApiKey' });

export const ApiKeyParams = z.object({ id: z.uuid(), keyId: z.uuid() });

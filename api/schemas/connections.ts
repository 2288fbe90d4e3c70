import { z } from 'zod';
import { PageQuery } from './common';
import { partners, syncKinds } from '../../domain/partners/ports';

/** Which credentials each partner needs (the values are sealed and never shown again). */
export const requiredCredentials: Record<(typeof partners)[number], string[][]> = {
  loyale: [['scheme', 'apiKey']],
  // POS key for check-ins and balances, owner JWT for customers and adjustments: either or both.
  loyaltyplus: [['apiKey'], ['ownerToken']],
  coupontools: [['clientId', 'clientSecret']],
};

const credentials = z.record(z.string().regex(/^\w{1,40}$/), z.string().min(1).max(4000)).meta({ description: 'Write-only; stored encrypted (AES-256-GCM); responses list the field names only' });
const fields = {
  name: z.string().min(1).max(100),
  baseUrl: z.url({ protocol: /^https?$/ }).max(500).meta({ description: "The partner's API base URL, e.g. https://api.loyaltyplus.app" }),
  options: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Mode and mapping options per partner (see docs/api.md: Partner adapters)' }),
  events: z.array(z.enum(syncKinds)).max(syncKinds.length).default(['customer', 'sale', 'return']).meta({ description: 'Hub operations forwarded' }),
  enabled: z.boolean().default(true),
  retryHorizonSeconds: z.number().int().min(5).max(7 * 86_400).default(86_400).meta({ description: 'How long a sync retries (exponential backoff) before it is FAILED; default 24 h' }),
};

const hasCredentials = (partner: (typeof partners)[number], given: Record<string, string>) =>
  requiredCredentials[partner].some((set) => set.every((k) => given[k] !== undefined));

export const ConnectionBody = z
  .object({ partner: z.enum(partners), credentials, ...fields })
  .strict()
  .refine((b) => hasCredentials(b.partner, b.credentials), {
    message: 'missing credentials for this partner (loyale: scheme + apiKey; loyaltyplus: apiKey and/or ownerToken; coupontools: clientId + clientSecret)',
    path: ['credentials'],
  })
  .meta({ id: 'ConnectionInput' });

export const ConnectionUpdateBody = z
  .object({ credentials: credentials.optional(), ...fields })
  .strict()
  .meta({ id: 'ConnectionUpdate' });

export const ConnectionView = z
  .object({
    id: z.uuid(),
    schemeId: z.uuid(),
    partner: z.enum(partners),
    name: z.string(),
    baseUrl: z.string(),
    credentialFields: z.array(z.string()),
    options: z.record(z.string(), z.unknown()),
    events: z.array(z.enum(syncKinds)),
    enabled: z.boolean(),
    retryHorizonSeconds: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Connection' });

export const SyncQuery = PageQuery.extend({
  status: z.enum(['PENDING', 'SYNCED', 'SKIPPED', 'FAILED']).optional(),
  connectionId: z.uuid().optional(),
});

export const SyncRecordView = z
  .object({
    id: z.uuid(),
    schemeId: z.uuid(),
    connectionId: z.uuid(),
    partner: z.enum(partners),
    kind: z.enum(syncKinds),
    operationKey: z.string(),
    customerId: z.uuid(),
    status: z.enum(['PENDING', 'SYNCED', 'SKIPPED', 'FAILED']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
    workflowId: z.string().meta({ description: 'Open it in the Temporal Web UI' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SyncRecord' });

export const ReconcileBody = z.object({ autoCorrect: z.boolean().optional().meta({ description: "Send each drift to the partner as an adjustment (default: the connection's options.autoCorrect)" }) }).strict();

export const RunParams = z.object({ id: z.uuid(), runId: z.uuid() });

export const ReconciliationView = z
  .object({
    id: z.uuid(),
    schemeId: z.uuid(),
    connectionId: z.uuid(),
    workflowId: z.string(),
    autoCorrect: z.boolean(),
    status: z.enum(['RUNNING', 'COMPLETED', 'FAILED']),
    summary: z.record(z.string(), z.number()),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    items: z.array(
      z.object({
        customerId: z.uuid(),
        externalId: z.string().nullable(),
        hubBalance: z.string(),
        partnerBalance: z.string().nullable(),
        outcome: z.enum(['MATCHED', 'DRIFTED', 'MISSING_ON_PARTNER']),
        corrected: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Reconciliation' });

import { EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';

/** A scheme's link to a partner platform; credentials sealed (AES-256-GCM), never returned. */
export class ConnectionEntity {
  id!: string;
  schemeId!: string;
  partner!: 'loyale' | 'loyaltyplus' | 'coupontools';
  name!: string;
  baseUrl!: string;
  credentialsSealed!: string;
  /** Signs inbound webhooks (HMAC-SHA256); sealed like the credentials, shown once. */
  webhookSecretSealed: string | null = null;
  /** Where the partner pull (Loyale updated customers) continues from. */
  pollCursor: string | null = null;
  credentialFields: string[] = [];
  options: Record<string, unknown> = {};
  events: string[] = [];
  enabled = true;
  retryHorizonSeconds = 86_400;
  deletedAt: Date | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const ConnectionSchema = new EntitySchema<ConnectionEntity>({
  class: ConnectionEntity,
  tableName: 'connections',
  indexes: [{ name: 'connections_scheme_id_index', properties: ['schemeId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    partner: { type: 'string', length: 20 },
    name: { type: 'string', length: 100 },
    baseUrl: { type: 'string', length: 500 },
    credentialsSealed: { type: 'text' },
    webhookSecretSealed: { type: 'text', nullable: true },
    pollCursor: { type: 'string', length: 64, nullable: true },
    credentialFields: { type: 'json', default: '[]' },
    options: { type: 'json', default: '{}' },
    events: { type: 'json', default: '[]' },
    enabled: { type: 'boolean', default: true },
    retryHorizonSeconds: { type: 'integer', default: 86_400 },
    deletedAt: { type: 'datetime', length: 6, nullable: true },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

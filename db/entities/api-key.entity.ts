import { EntitySchema } from '@mikro-orm/core';
import { apiKeyRoles, type ApiKeyRole } from '../../domain/scheme';
import { schemeRef } from './scheme-ref';

/** Only a SHA-256 of the key is stored: keys carry 256 random bits, so a slow KDF buys nothing. */
export class ApiKeyEntity {
  id!: string;
  schemeId!: string;
  name: string | null = null;
  prefix!: string;
  keyHash!: string;
  role: ApiKeyRole = 'pos';
  createdAt: Date = new Date();
  revokedAt: Date | null = null;
}

export const ApiKeySchema = new EntitySchema<ApiKeyEntity>({
  class: ApiKeyEntity,
  tableName: 'api_keys',
  indexes: [{ name: 'api_keys_scheme_id_index', properties: ['schemeId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    name: { type: 'string', length: 200, nullable: true },
    prefix: { type: 'string', length: 16 },
    keyHash: { type: 'string', length: 64, unique: 'api_keys_key_hash_unique' },
    // An enum to MikroORM: PostgreSQL keeps it as varchar(8) with the check api_keys_role_check.
    role: { enum: true, items: () => [...apiKeyRoles], columnType: 'varchar(8)', default: 'pos' },
    createdAt: { type: 'datetime', length: 6 },
    revokedAt: { type: 'datetime', length: 6, nullable: true },
  },
});

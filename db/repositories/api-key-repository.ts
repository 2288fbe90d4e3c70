import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiKeyRole, ApiKeySummary, IssuedApiKey } from '../../domain/scheme';
import type { ApiKeyRepository, AuthenticatedKey } from '../../domain/ports';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { hotPool, type Orm } from '../orm';
import type { Page, PageRequest } from '../../domain/pagination';
import { byCreation, entityPage } from './keyset-page';
import { toApiKeySummary } from './mappers';

const KEY_PREFIX = 'lhk_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class MikroApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly orm: Orm) {}

  async issue(schemeId: string, name: string | null, role: ApiKeyRole = 'pos'): Promise<IssuedApiKey> {
    const secret = randomBytes(32).toString('base64url');
    const key = `${KEY_PREFIX}${secret}`;
    const em = this.orm.em.fork();
    const entity = em.create(ApiKeyEntity, {
      id: randomUUID(),
      schemeId,
      name,
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashApiKey(key),
      role,
      createdAt: new Date(),
      revokedAt: null,
    });
    await em.persistAndFlush(entity);
    return { ...toApiKeySummary(entity), key };
  }

  async list(schemeId: string, page: PageRequest): Promise<Page<ApiKeySummary>> {
    const found = await entityPage(this.orm.em.fork(), ApiKeyEntity, { from: 'api_keys', where: ['scheme_id = ?'], params: [schemeId], key: byCreation(), order: 'asc' }, page);
    return { ...found, data: found.data.map(toApiKeySummary) };
  }

  async revoke(schemeId: string, keyId: string): Promise<ApiKeySummary | null> {
    const em = this.orm.em.fork();
    const entity = await em.findOne(ApiKeyEntity, { id: keyId, schemeId });
    if (!entity) return null;
    entity.revokedAt ??= new Date();
    await em.flush();
    return toApiKeySummary(entity);
  }

  async authenticate(schemeId: string, presentedKey: string): Promise<AuthenticatedKey | null> {
    const auth = await this.authenticateKey(presentedKey);
    return auth?.schemeId === schemeId ? auth : null;
  }

  async authenticateKey(presentedKey: string): Promise<AuthenticatedKey | null> {
    // Looking up by hash means the comparison happens inside a B-tree on a
    // digest, never on the secret itself, so there is no timing oracle on the key.
    // One prepared statement on the hot-path connections, on every POS call: the key and its scheme's
    // currency (sales check their decimals before any workflow).
    const { rows } = await hotPool(this.orm).query<{ id: string; scheme_id: string; currency: string; role: ApiKeyRole }>({
      name: 'api_key_authenticate',
      text: 'select k.id, k.scheme_id, s.currency, k.role from api_keys k join schemes s on s.id = k.scheme_id where k.key_hash = $1 and k.revoked_at is null',
      values: [hashApiKey(presentedKey)],
    });
    const [row] = rows;
    if (!row) return null;
    return { keyId: row.id, schemeId: row.scheme_id, currency: row.currency, role: row.role };
  }
}

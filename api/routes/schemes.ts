import { NotFoundError } from '../../domain/errors';
import type { ApiKeyRepository, SchemeRepository } from '../../domain/ports';
import type { PointRulesRepository } from '../../domain/transactions/ports';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { schemeEndpoints } from '../endpoints/schemes';

export interface SchemeHandlerDeps {
  schemes: SchemeRepository;
  apiKeys: ApiKeyRepository;
  pointRules: PointRulesRepository;
}

export function schemeHandlers({ schemes, apiKeys, pointRules }: SchemeHandlerDeps): Handlers<typeof schemeEndpoints> {
  const existing = async (id: string) => {
    const scheme = await schemes.findById(id);
    if (!scheme) throw new NotFoundError('Scheme');
    return scheme;
  };

  return {
    createScheme: async ({ body }) => created(await schemes.create(body)),
    listSchemes: async ({ query }) => ok(await schemes.list(query)),
    getScheme: async ({ params: { id } }) => ok(await existing(id)),

    async listApiKeys({ params: { id }, query }) {
      await existing(id);
      return ok(await apiKeys.list(id, query));
    },

    async issueApiKey({ params: { id }, body, res }) {
      await existing(id);
      // The key is in this answer and nowhere else: no cache may keep it.
      res.setHeader('Cache-Control', 'no-store');
      return created(await apiKeys.issue(id, body.name ?? null, body.role));
    },

    async revokeApiKey({ params: { id, keyId } }) {
      const revoked = await apiKeys.revoke(id, keyId);
      if (!revoked) throw new NotFoundError('API key');
      return ok(revoked);
    },

    async getPointRules({ params: { id } }) {
      await existing(id);
      return ok(await pointRules.get(id));
    },

    async putPointRules({ params: { id }, body }) {
      await existing(id);
      return ok(await pointRules.put(id, body));
    },
  };
}

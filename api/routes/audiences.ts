import type { z } from 'zod';
import { inAudience, type NewAudience } from '../../domain/audiences/audience';
import type { AudienceRepository } from '../../domain/audiences/ports';
import { NotFoundError } from '../../domain/errors';
import type { audienceEndpoints } from '../endpoints/audiences';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import { schemeOf } from '../middleware/auth';
import type { AudienceBody } from '../schemas/audiences';

const audienceIn = (b: z.output<typeof AudienceBody>): NewAudience => ({ ...b, rule: b.rule as NewAudience['rule'] });

export function audienceHandlers(audiences: AudienceRepository): Handlers<typeof audienceEndpoints> {
  const member = async (schemeId: string, customerId: string) => {
    const profile = await audiences.profile(schemeId, customerId);
    if (!profile) throw new NotFoundError('Customer');
    return profile;
  };
  return {
    listAudiences: async ({ query, res }) => ok(await audiences.list(schemeOf(res.locals), query)),
    createAudience: async ({ body, res }) => created({ audience: await audiences.create(schemeOf(res.locals), audienceIn(body)) }),
    async getAudience({ params: { id }, res }) {
      const audience = await audiences.get(schemeOf(res.locals), id);
      if (!audience) throw new NotFoundError('Audience');
      return ok({ audience });
    },
    updateAudience: async ({ params: { id }, body, res }) => ok({ audience: await audiences.update(schemeOf(res.locals), id, audienceIn(body)) }),
    async checkAudience({ params: { id, customerId }, res }) {
      const schemeId = schemeOf(res.locals);
      const audience = await audiences.get(schemeId, id);
      if (!audience) throw new NotFoundError('Audience');
      return ok({ audienceId: id, key: audience.key, customerId, matches: inAudience(audience, await member(schemeId, customerId)) });
    },
    async listMemberAudiences({ params: { id }, res }) {
      const schemeId = schemeOf(res.locals);
      const [profile, all] = await Promise.all([member(schemeId, id), audiences.all(schemeId)]);
      return ok({ audiences: all.filter((a) => inAudience(a, profile)) });
    },
  };
}

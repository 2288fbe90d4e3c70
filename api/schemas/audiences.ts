import { z } from 'zod';
import { jsonLogicRule, PageQuery } from './common';

const rule = jsonLogicRule.meta({ description: 'JSON Logic over the member: id, status, createdAt, tier {id, name}, balance, purchases, lastPurchaseAt, events, customAttributes.<key> — e.g. {">=":[{"var":"balance"},500]}' });

export const AudienceBody = z
  .object({
    key: z.string().regex(/^[\w.-]{1,100}$/, 'must be 1-100 letters, digits, _ . or -').meta({ description: 'Unique in the scheme; what coupon books name in audienceKeys' }),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().default(null),
    rule,
  })
  .strict()
  .meta({ id: 'AudienceInput' });

export const AudienceView = z
  .object({ id: z.uuid(), key: z.string(), name: z.string(), description: z.string().nullable(), rule: z.record(z.string(), z.unknown()), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Audience' });

export const AudienceListQuery = PageQuery.extend({ search: z.string().trim().min(1).max(200).optional().meta({ description: 'A substring of the name or description, any case', example: 'VIP' }) });

export const AudienceEnvelope = z.object({ audience: AudienceView }).meta({ id: 'AudienceEnvelope' });
export const MemberAudiencesView = z.object({ audiences: z.array(AudienceView) }).meta({ id: 'MemberAudiences' });
export const AudienceCheckParams = z.object({ id: z.uuid(), customerId: z.uuid() });
export const AudienceCheckView = z.object({ audienceId: z.uuid(), key: z.string(), customerId: z.uuid(), matches: z.boolean() }).meta({ id: 'AudienceCheck' });

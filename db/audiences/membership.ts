import { admitted, inAudience, type Audience } from '../../domain/audiences/audience';
import { textArray } from '../sql-arrays';
import type { Query } from '../ledger/ledger-engine';
import { memberProfile } from './profile';

/**
 * Which of these audiences (by id) a member is in now, on the caller's
 * transaction: one profile read, then each rule judged. An id that is not an
 * audience of the scheme admits nobody.
 */
export async function audiencesOf(q: Query, schemeId: string, audienceIds: string[], customerId: string): Promise<Set<string>> {
  const ids = [...new Set(audienceIds)];
  if (ids.length === 0) return new Set();
  const rules = await q<{ id: string; rule: Audience['rule'] }>(`select id, rule from audiences where scheme_id = ? and id in (${ids.map(() => '?').join(', ')})`, [schemeId, ...ids]);
  const profile = rules.length > 0 ? await memberProfile(q, schemeId, customerId) : null;
  return new Set(profile ? rules.filter((a) => inAudience(a, profile)).map((a) => a.id) : []);
}

export const inAudienceNow = async (q: Query, schemeId: string, audienceId: string, customerId: string): Promise<boolean> =>
  (await audiencesOf(q, schemeId, [audienceId], customerId)).has(audienceId);

/** Whether an offer naming audiences by key (a coupon book's audienceKeys) is for the member now: none named, everyone. */
export async function admittedBy(q: Query, schemeId: string, keys: string[], customerId: string): Promise<boolean> {
  if (keys.length === 0) return true;
  const rules = await q<{ key: string; rule: Audience['rule'] }>('select key, rule from audiences where scheme_id = ? and key = any(?::text[])', [schemeId, textArray(keys)]);
  const profile = await memberProfile(q, schemeId, customerId);
  return profile !== null && admitted(keys, rules, profile);
}

import { matches, type Matcher } from '../missions/matcher';

/**
 * An audience (seed 004, Audiences): a named JSON Logic rule over what the hub
 * knows of a member (`MemberProfile`), referred to by its `key` from coupon
 * books' `audienceKeys`. Membership is computed when asked, never stored, so
 * it follows tier and balance changes at once.
 */
export interface Audience {
  id: string;
  key: string;
  name: string;
  description: string | null;
  rule: Matcher;
  createdAt: string;
  updatedAt: string;
}

export type NewAudience = Omit<Audience, 'id' | 'createdAt' | 'updatedAt'>;

/** What an audience rule reads: profile fields that are not contact data, tier, points and activity counters. */
export interface MemberProfile {
  id: string;
  status: 'ACTIVE' | 'BLOCKED';
  createdAt: string;
  tier: { id: string; name: string } | null;
  /** Available points in the scheme's points account. */
  balance: number;
  /** Sales recorded for the member, and when the last one was. */
  purchases: number;
  lastPurchaseAt: string | null;
  /** Hub events of the member (purchases, registrations, tracked events, …). */
  events: number;
  /** The scheme's own facts about the member (PUT /v1/customers/:id `customAttributes`). */
  customAttributes: Record<string, string | number | boolean | null>;
}

export const inAudience = (audience: Pick<Audience, 'rule'>, member: MemberProfile): boolean => matches(audience.rule, member as unknown as Record<string, unknown>);

/** A book (or any offer) naming audiences is for members of at least one of them; naming none, for everyone. */
export function admitted(keys: string[], audiences: Array<Pick<Audience, 'key' | 'rule'>>, member: MemberProfile): boolean {
  if (keys.length === 0) return true;
  return audiences.some((a) => keys.includes(a.key) && inAudience(a, member));
}

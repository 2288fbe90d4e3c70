import type { Page, PageRequest } from '../pagination';
import type { Audience, MemberProfile, NewAudience } from './audience';

export interface AudienceRepository {
  create(schemeId: string, audience: NewAudience): Promise<Audience>;
  update(schemeId: string, id: string, audience: NewAudience): Promise<Audience>;
  get(schemeId: string, id: string): Promise<Audience | null>;
  /** Newest first; `search`: a substring of the name or description, any case. */
  list(schemeId: string, page: PageRequest & { search?: string }): Promise<Page<Audience>>;
  /** Every audience of the scheme (at most 500: checked when created), to judge one member. */
  all(schemeId: string): Promise<Audience[]>;
  /** The member as audience rules see them; null when not the scheme's (or erased). */
  profile(schemeId: string, customerId: string): Promise<MemberProfile | null>;
}

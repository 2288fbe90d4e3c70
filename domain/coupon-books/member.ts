/**
 * What a book's `condition` (JSON Logic) reads about a member: the profile
 * fields that are not contact data, the tier, the available points and the
 * member's standing with the book — e.g.
 * `{ ">=": [{ "var": "balance" }, 500] }` or `{ "==": [{ "var": "tier.name" }, "Gold"] }`.
 */
export interface MemberFacts {
  id: string;
  status: 'ACTIVE' | 'BLOCKED';
  createdAt: string;
  tier: { id: string; name: string } | null;
  /** Available points in the scheme's points account. */
  balance: number;
  /** The book's codes the member holds (assigned or used). */
  held: number;
}

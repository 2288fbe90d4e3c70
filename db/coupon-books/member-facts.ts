import type { MemberFacts } from '../../domain/coupon-books/member';
import { NotFoundError } from '../../domain/errors';
import type { Query } from '../ledger/ledger-engine';
import { AVAILABLE_POINTS, WITH_POINTS } from '../repositories/customer-repository';
import { saleTierSql } from '../tiers/sale-tier.sql';

/**
 * What a book's rules read about a member (tier, points, the book's codes
 * held), in the caller's transaction: read after the member's lock for the
 * book, so `held` counts every hand-out committed before. An erased customer
 * is not found.
 */
export async function memberFacts(q: Query, schemeId: string, bookId: string, memberId: string): Promise<MemberFacts> {
  const [row] = await q<{ id: string; status: MemberFacts['status']; created_at: Date | string; tier: MemberFacts['tier']; balance: string; held: number }>(
    `select c.id, c.status, c.created_at, ${AVAILABLE_POINTS}::text as balance,
            ${saleTierSql('c.id')} as tier,
            (select count(*)::int from coupons x where x.book_id = ? and x.customer_id = c.id) as held
       from ${WITH_POINTS} where c.id = ? and c.scheme_id = ? and c.erased_at is null`,
    [bookId, memberId, schemeId],
  );
  if (!row) throw new NotFoundError('Member');
  return { id: row.id, status: row.status, createdAt: new Date(row.created_at).toISOString(), tier: row.tier, balance: Number(row.balance), held: row.held };
}

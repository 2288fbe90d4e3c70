import type { CouponBook } from '../../domain/coupon-books/book';
import type { BookCode } from '../../domain/coupon-books/ports';
import { NotFoundError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import { audiencesOf } from '../audiences/membership';
import { queryIn, type Query } from '../ledger/ledger-engine';
import { textArray } from '../sql-arrays';
import type { Orm } from '../orm';
import { keysetPage, type KeyColumn } from '../repositories/keyset-page';
import { toBook, toCode, type BookRow, type CodeRow } from './rows';

const byAssignment: KeyColumn[] = [
  { sql: 'assigned_at', type: 'timestamptz' },
  { sql: 'id', type: 'uuid' },
];
const byBookCreation: KeyColumn[] = [
  { sql: 'b.created_at', type: 'timestamptz' },
  { sql: 'b.id', type: 'uuid' },
];

/** The keys of the audiences the member is in now, among those the scheme's published books name (none named: no profile read). */
async function memberAudienceKeys(q: Query, schemeId: string, memberId: string): Promise<string[]> {
  const named = await q<{ id: string; key: string }>(
    `select a.id, a.key from audiences a
      where a.scheme_id = ? and exists (select 1 from coupon_books b where b.scheme_id = a.scheme_id and b.publishing_status = 'published' and b.audience_keys @> jsonb_build_array(a.key))`,
    [schemeId],
  );
  const member = await audiencesOf(q, schemeId, named.map((a) => a.id), memberId);
  return named.filter((a) => member.has(a.id)).map((a) => a.key);
}

async function assertMember(q: Query, schemeId: string, memberId: string): Promise<void> {
  if ((await q('select 1 from customers where id = ? and scheme_id = ?', [memberId, schemeId])).length === 0) throw new NotFoundError('Member');
}

/** A member's side of the coupon books: their codes, the books open to them, and the seed's usage counts. */
export function memberViews(orm: Orm) {
  const q = () => queryIn(orm.em.fork());
  return {
    async memberCoupons(schemeId: string, memberId: string, filter: { bookId?: string; notUsedOnly?: boolean }, page: PageRequest): Promise<Page<BookCode>> {
      await assertMember(q(), schemeId, memberId);
      const where = ['scheme_id = ?', 'customer_id = ?', 'book_id is not null'];
      const params: unknown[] = [schemeId, memberId];
      if (filter.bookId) {
        where.push('book_id = ?');
        params.push(filter.bookId);
      }
      if (filter.notUsedOnly) where.push('used_at is null');
      return keysetPage(q(), { select: 'code, book_id, customer_id, assigned_at, valid_to, used_at, used_by', from: 'coupons', where, params, key: byAssignment, order: 'desc' }, page, (r: CodeRow) => toCode(r));
    },

    async memberBooks(schemeId: string, memberId: string, page: PageRequest): Promise<Page<CouponBook & { held: number; used: number; outOfStock: boolean }>> {
      await assertMember(q(), schemeId, memberId);
      const keys = await memberAudienceKeys(q(), schemeId, memberId);
      return keysetPage(
        q(),
        {
          select: `b.*, count(c.id)::int as held, count(c.used_at)::int as used,
                   not exists (select 1 from coupons f where f.book_id = b.id and f.customer_id is null and f.used_at is null) as out_of_stock`,
          from: 'coupon_books b left join coupons c on c.book_id = b.id and c.customer_id = ?',
          // Published, for the member's tier when the book names tiers, and for one of the member's audiences when it names audiences.
          where: [
            'b.scheme_id = ?',
            `b.publishing_status = 'published'`,
            `(jsonb_array_length(b.tiers) = 0 or exists (select 1 from customer_tiers ct where ct.customer_id = ? and b.tiers @> jsonb_build_array(ct.tier_id::text)))`,
            '(jsonb_array_length(b.audience_keys) = 0 or jsonb_exists_any(b.audience_keys, ?::text[]))',
          ],
          params: [memberId, schemeId, memberId, textArray(keys)],
          groupBy: 'b.id',
          key: byBookCreation,
          order: 'desc',
        },
        page,
        (r: BookRow & { held: number; used: number; out_of_stock: boolean }) => ({ ...toBook(r), held: r.held, used: r.used, outOfStock: r.out_of_stock }),
      );
    },

    async memberCounts(schemeId: string, memberId: string, window: { from?: string; to?: string }): Promise<{ amountAssigned: number; amountUsed: number }> {
      await assertMember(q(), schemeId, memberId);
      const [row] = await q()<{ assigned: number; used: number }>(
        `select count(*) filter (where assigned_at >= coalesce(?::timestamptz, '-infinity') and assigned_at <= coalesce(?::timestamptz, 'infinity'))::int as assigned,
                count(*) filter (where used_at >= coalesce(?::timestamptz, '-infinity') and used_at <= coalesce(?::timestamptz, 'infinity'))::int as used
           from coupons where scheme_id = ? and customer_id = ? and book_id is not null`,
        [window.from ?? null, window.to ?? null, window.from ?? null, window.to ?? null, schemeId, memberId],
      );
      return { amountAssigned: row?.assigned ?? 0, amountUsed: row?.used ?? 0 };
    },
  };
}

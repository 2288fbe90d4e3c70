import { randomInt, randomUUID } from 'node:crypto';
import type { CouponBook, NewCouponBook } from '../../domain/coupon-books/book';
import type { BookCode, CouponBookRepository } from '../../domain/coupon-books/ports';
import { barcodeFromDigits } from '../../domain/customer';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import { queryIn, type Query } from '../ledger/ledger-engine';
import { hotPool, type Orm } from '../orm';
import { inPgTransaction } from '../pg/hot-pool';
import { keysetPage, type KeyColumn } from '../repositories/keyset-page';
import { textArray } from '../sql-arrays';
import { toBook, toCode, type BookRow, type CodeRow } from './rows';

const byCreation: KeyColumn[] = [
  { sql: 'created_at', type: 'timestamptz' },
  { sql: 'id', type: 'uuid' },
];

const FIELDS = [
  'name', 'description', 'external_id', 'tags', 'tiers', 'audience_keys', 'condition', 'discount_type', 'discount_amount',
  'publishing_status', 'valid_from', 'valid_to', 'max_assigned_per_member', 'max_coupon_count',
] as const;

const valuesOf = (b: NewCouponBook): unknown[] => [
  b.name, b.description, b.externalId, JSON.stringify(b.tags), JSON.stringify(b.tiers), JSON.stringify(b.audienceKeys),
  b.condition === null ? null : JSON.stringify(b.condition), b.discountType, b.discountAmount, b.publishingStatus, b.validFrom, b.validTo,
  b.maxAssignedPerMember, b.maxCouponCount,
];
const CASTS: Partial<Record<(typeof FIELDS)[number], string>> = { tags: '::jsonb', tiers: '::jsonb', audience_keys: '::jsonb', condition: '::jsonb', valid_from: '::timestamptz', valid_to: '::timestamptz' };

/** Tier ids of the book must be the scheme's tiers (another scheme's would never match a member, silently). */
async function assertTiers(q: Query, schemeId: string, tiers: string[]): Promise<void> {
  if (tiers.length === 0) return;
  const [row] = await q<{ n: number }>('select count(*)::int as n from loyalty_tiers where scheme_id = ? and id::text = any(?::text[])', [schemeId, textArray(tiers)]);
  if ((row?.n ?? 0) !== new Set(tiers).size) throw new BusinessRuleError("A book's tiers must be the scheme's tier ids", [{ path: 'body.tiers', message: 'unknown tier' }]);
}

const MAX_GENERATED_ATTEMPTS = 5;

export class PgCouponBooks implements CouponBookRepository {
  constructor(private readonly orm: Orm) {}

  private tx<T>(fn: (q: Query) => Promise<T>): Promise<T> {
    return inPgTransaction(hotPool(this.orm), fn);
  }

  async create(schemeId: string, book: NewCouponBook): Promise<CouponBook> {
    return this.tx(async (q) => {
      await assertTiers(q, schemeId, book.tiers);
      const [row] = await q<BookRow>(
        `insert into coupon_books (id, scheme_id, ${FIELDS.join(', ')}, created_at, updated_at)
         values (?, ?, ${FIELDS.map((f) => `?${CASTS[f] ?? ''}`).join(', ')}, now(), now()) returning *`,
        [randomUUID(), schemeId, ...valuesOf(book)],
      );
      return toBook(row as BookRow);
    });
  }

  async update(schemeId: string, id: string, book: NewCouponBook): Promise<CouponBook> {
    return this.tx(async (q) => {
      await assertTiers(q, schemeId, book.tiers);
      const [row] = await q<BookRow>(
        `update coupon_books set ${FIELDS.map((f) => `${f} = ?${CASTS[f] ?? ''}`).join(', ')}, updated_at = now() where id = ? and scheme_id = ? returning *`,
        [...valuesOf(book), id, schemeId],
      );
      if (!row) throw new NotFoundError('Coupon book');
      // The codes carry the discount a till reads (GET /v1/coupons/:code): they follow the book.
      await q('update coupons set type = ?, value = ? where book_id = ? and scheme_id = ?', [book.discountType, book.discountAmount, id, schemeId]);
      return toBook(row);
    });
  }

  async get(schemeId: string, id: string): Promise<CouponBook | null> {
    const [row] = await queryIn(this.orm.em.fork())<BookRow>('select * from coupon_books where id = ? and scheme_id = ?', [id, schemeId]);
    return row ? toBook(row) : null;
  }

  list(schemeId: string, filter: { status?: CouponBook['publishingStatus']; tag?: string }, page: PageRequest): Promise<Page<CouponBook>> {
    const where = ['scheme_id = ?'];
    const params: unknown[] = [schemeId];
    if (filter.status) {
      where.push('publishing_status = ?');
      params.push(filter.status);
    }
    if (filter.tag) {
      where.push('tags @> ?::jsonb');
      params.push(JSON.stringify([filter.tag]));
    }
    return keysetPage(queryIn(this.orm.em.fork()), { select: '*', from: 'coupon_books', where, params, key: byCreation, order: 'desc' }, page, toBook);
  }

  /**
   * Under the book's row lock, so two batches cannot pass maxCouponCount
   * together. Given codes are all or none; generated ones are retried past
   * the scheme's existing codes.
   */
  async addCodes(schemeId: string, bookId: string, input: { codes?: string[]; generate?: number }): Promise<string[]> {
    return this.tx(async (q) => {
      const [book] = await q<BookRow & { n: number }>(
        'select b.*, (select count(*)::int from coupons c where c.book_id = b.id) as n from coupon_books b where b.id = ? and b.scheme_id = ? for update',
        [bookId, schemeId],
      );
      if (!book) throw new NotFoundError('Coupon book');
      const wanted = input.codes ? new Set(input.codes).size : (input.generate ?? 0);
      if (book.max_coupon_count !== null && book.n + wanted > book.max_coupon_count) {
        throw new BusinessRuleError(`The book holds at most ${book.max_coupon_count} codes (${book.n} now)`, [{ path: 'body', message: 'maxCouponCount' }]);
      }
      const insert = (codes: string[]) =>
        q<{ code: string }>(
          `insert into coupons (id, scheme_id, code, type, value, book_id, created_at)
           select gen_random_uuid(), ?, code, ?, ?, ?, clock_timestamp() from unnest(?::text[]) with ordinality as t(code, n) order by n
           on conflict (scheme_id, code) do nothing returning code`,
          [schemeId, book.discount_type, book.discount_amount, bookId, textArray(codes)],
        );
      if (input.codes) {
        const codes = [...new Set(input.codes)];
        const added = await insert(codes);
        if (added.length < codes.length) {
          const taken = codes.filter((c) => !added.some((a) => a.code === c));
          throw new ConflictError(`Code(s) ${taken.join(', ')} already exist in this scheme`, taken.map((c) => ({ path: 'body.codes', message: c })));
        }
        return codes;
      }
      const added: string[] = [];
      for (let attempt = 0; added.length < wanted && attempt < MAX_GENERATED_ATTEMPTS; attempt++) {
        const fresh = Array.from({ length: wanted - added.length }, () => barcodeFromDigits(Array.from({ length: 12 }, () => randomInt(10))));
        added.push(...(await insert([...new Set(fresh)])).map((r) => r.code));
      }
      if (added.length < wanted) throw new ConflictError('Could not generate enough unique codes; retry');
      return added;
    });
  }

  async codes(schemeId: string, bookId: string, page: PageRequest): Promise<Page<BookCode>> {
    if (!(await this.get(schemeId, bookId))) throw new NotFoundError('Coupon book');
    return keysetPage(
      queryIn(this.orm.em.fork()),
      { select: 'code, book_id, customer_id, assigned_at, valid_to, used_at, used_by', from: 'coupons', where: ['book_id = ?', 'scheme_id = ?'], params: [bookId, schemeId], key: byCreation, order: 'asc' },
      page,
      (r: CodeRow) => toCode(r),
    );
  }
}

import { randomInt, randomUUID } from 'node:crypto';
import { barcodeFromDigits } from '../../domain/customer';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { Coupon, CouponRepository, NewCoupon } from '../../domain/transactions/ports';
import { CouponEntity } from '../entities/coupon.entity';
import type { Orm } from '../orm';
import { violatedConstraint } from './unique-violation';
import { COUPON_BOOK_RULES } from '../coupon-books/book-rules.sql';
import { textArray } from '../sql-arrays';


interface CouponRow {
  code: string;
  type: CouponEntity['type'];
  value: number;
  customer_id: string | null;
  valid_from: Date | string | null;
  valid_to: Date | string | null;
  used_at: Date | string | null;
  used_by: string | null;
}

const fromRow = (r: CouponRow): Coupon => ({
  code: r.code,
  type: r.type,
  value: r.value,
  customerId: r.customer_id,
  validFrom: iso(r.valid_from),
  validTo: iso(r.valid_to),
  usedAt: iso(r.used_at),
  usedBy: r.used_by,
});

/** Raw rows carry timestamps as the driver parsed them (text here). */
const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export class MikroCouponRepository implements CouponRepository {
  constructor(private readonly orm: Orm) {}

  /**
   * One statement: the coupon is written only when its customer (if any) is a
   * customer of the same scheme, so another scheme's customer and an unknown
   * id are the same "not found" and nothing is written.
   */
  async create(schemeId: string, input: NewCoupon): Promise<Coupon> {
    const code = input.code ?? barcodeFromDigits(Array.from({ length: 12 }, () => randomInt(10)));
    const rows = (await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into coupons (id, scheme_id, code, type, value, customer_id, valid_from, valid_to, created_at)
         select ?, ?, ?, ?, ?, ?::uuid, ?::timestamptz, ?::timestamptz, now()
          where ?::uuid is null or exists (select 1 from customers where id = ?::uuid and scheme_id = ?)
         returning *`,
        [randomUUID(), schemeId, code, input.type, input.value, input.customerId ?? null, input.validFrom ?? null, input.validTo ?? null, input.customerId ?? null, input.customerId ?? null, schemeId],
        'all',
      )
      .catch((err) => {
        throw violatedConstraint(err) ? new ConflictError('A coupon with this code exists', [{ path: 'code', message: 'already taken' }]) : err;
      })) as CouponRow[];
    const row = rows[0];
    if (!row) throw new NotFoundError('Customer');
    return fromRow(row);
  }

  async find(schemeId: string, codes: string[]): Promise<Record<string, Coupon>> {
    if (codes.length === 0) return {};
    const rows = (await this.orm.em
      .fork()
      .getConnection()
      .execute(`select cp.*, ${COUPON_BOOK_RULES('cp')} as book from coupons cp where cp.scheme_id = ? and cp.code = any(?::text[])`, [schemeId, textArray(codes)], 'all')) as Array<CouponRow & { book: Coupon['book'] }>;
    return Object.fromEntries(rows.map((r) => [r.code, { ...fromRow(r), book: r.book }]));
  }

  async consume(schemeId: string, codes: string[], saleUniqueId: string): Promise<string[]> {
    if (codes.length === 0) return [];
    // Conditional update: the database decides who gets a coupon, not a prior read.
    // A retry of the same sale re-marks its own coupons (usedBy = its uniqueId).
    const taken = await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `update coupons set used_at = coalesce(used_at, now()), used_by = ?
          where scheme_id = ? and code = any(?::text[]) and (used_by is null or used_by = ?) returning code`,
        [saleUniqueId, schemeId, `{${codes.map((c) => `"${c}"`).join(',')}}`, saleUniqueId],
        'all',
      );
    return (taken as Array<{ code: string }>).map((r) => r.code);
  }

  async release(schemeId: string, saleUniqueId: string): Promise<void> {
    await this.orm.em
      .fork()
      .getConnection()
      .execute('update coupons set used_at = null, used_by = null where scheme_id = ? and used_by = ?', [schemeId, saleUniqueId], 'run');
  }
}

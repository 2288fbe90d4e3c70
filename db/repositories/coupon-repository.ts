import { randomInt, randomUUID } from 'node:crypto';
import { barcodeFromDigits } from '../../domain/customer';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { Coupon, CouponRepository, NewCoupon } from '../../domain/transactions/ports';
import { CouponEntity } from '../entities/coupon.entity';
import type { Orm } from '../orm';
import { violatedConstraint } from './unique-violation';

const toCoupon = (c: CouponEntity): Coupon => ({
  code: c.code,
  type: c.type,
  value: c.value,
  customerId: c.customerId,
  validFrom: c.validFrom?.toISOString() ?? null,
  validTo: c.validTo?.toISOString() ?? null,
  usedAt: c.usedAt?.toISOString() ?? null,
  usedBy: c.usedBy,
});

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
    const rows = await this.orm.em.fork().find(CouponEntity, { schemeId, code: { $in: codes } });
    return Object.fromEntries(rows.map((c) => [c.code, toCoupon(c)]));
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

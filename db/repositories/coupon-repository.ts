import { randomInt, randomUUID } from 'node:crypto';
import { barcodeFromDigits } from '../../domain/customer';
import { ConflictError } from '../../domain/errors';
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

export class MikroCouponRepository implements CouponRepository {
  constructor(private readonly orm: Orm) {}

  async create(schemeId: string, input: NewCoupon): Promise<Coupon> {
    const em = this.orm.em.fork();
    const c = em.create(CouponEntity, {
      id: randomUUID(),
      schemeId,
      code: input.code ?? barcodeFromDigits(Array.from({ length: 12 }, () => randomInt(10))),
      type: input.type,
      value: input.value,
      customerId: input.customerId ?? null,
      validFrom: input.validFrom ? new Date(input.validFrom) : null,
      validTo: input.validTo ? new Date(input.validTo) : null,
      usedAt: null,
      usedBy: null,
      createdAt: new Date(),
    });
    await em.flush().catch((err) => {
      throw violatedConstraint(err) ? new ConflictError('A coupon with this code exists', [{ path: 'code', message: 'already taken' }]) : err;
    });
    return toCoupon(c);
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

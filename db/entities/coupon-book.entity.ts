import { EntitySchema } from '@mikro-orm/core';
import { bookStatuses, type BookStatus } from '../../domain/coupon-books/book';
import type { CouponType } from '../../domain/transactions/ports';
import { schemeRef } from './scheme-ref';

/** A coupon book (domain/coupon-books/book.ts); its codes are rows of `coupons` with its id. */
export class CouponBookEntity {
  id!: string;
  schemeId!: string;
  name!: string;
  description: string | null = null;
  externalId: string | null = null;
  tags: string[] = [];
  tiers: string[] = [];
  audienceKeys: string[] = [];
  condition: Record<string, unknown> | null = null;
  discountType!: CouponType;
  discountAmount = 0;
  publishingStatus: BookStatus = 'draft';
  validFrom: Date | null = null;
  validTo: Date | null = null;
  maxAssignedPerMember: number | null = null;
  maxCouponCount: number | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const CouponBookSchema = new EntitySchema<CouponBookEntity>({
  class: CouponBookEntity,
  tableName: 'coupon_books',
  checks: [
    { name: 'coupon_books_caps_check', expression: 'discount_amount >= 0 and (max_assigned_per_member is null or max_assigned_per_member > 0) and (max_coupon_count is null or max_coupon_count >= 0)' },
  ],
  indexes: [{ properties: ['schemeId', 'createdAt', 'id'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    name: { type: 'string', length: 200 },
    description: { type: 'string', length: 2000, nullable: true },
    externalId: { type: 'string', length: 255, nullable: true },
    tags: { type: 'json', defaultRaw: `'[]'` },
    tiers: { type: 'json', defaultRaw: `'[]'` },
    audienceKeys: { type: 'json', defaultRaw: `'[]'` },
    condition: { type: 'json', nullable: true },
    discountType: { type: 'string', length: 16 },
    discountAmount: { type: 'integer', default: 0 },
    // An enum to MikroORM: PostgreSQL keeps it as varchar(10) with the check coupon_books_publishing_status_check.
    publishingStatus: { enum: true, items: () => [...bookStatuses], columnType: 'varchar(10)', default: 'draft' },
    validFrom: { type: 'datetime', length: 6, nullable: true },
    validTo: { type: 'datetime', length: 6, nullable: true },
    maxAssignedPerMember: { type: 'integer', nullable: true },
    maxCouponCount: { type: 'integer', nullable: true },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

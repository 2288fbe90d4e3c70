import { EntitySchema } from '@mikro-orm/core';
import { CouponBookEntity } from './coupon-book.entity';
import { CouponEntity } from './coupon.entity';
import { CustomerEntity } from './customer.entity';
import { schemeRef } from './scheme-ref';

/** An assignment or a use of a book code (domain/coupon-books/usage.ts); the key is unique per scheme. */
export class CouponUsageEntity {
  id!: string;
  schemeId!: string;
  bookId!: string;
  couponId!: string;
  customerId!: string;
  kind!: 'assign' | 'use';
  systemUniqueKey!: string;
  requestHash!: string;
  ledgerTransactionId: string | null = null;
  customAttributes: Record<string, unknown> = {};
  expiresAt: Date | null = null;
  revertedAt: Date | null = null;
  createdAt: Date = new Date();
}

export const CouponUsageSchema = new EntitySchema<CouponUsageEntity>({
  class: CouponUsageEntity,
  tableName: 'coupon_usages',
  uniques: [{ name: 'coupon_usages_scheme_key_unique', properties: ['schemeId', 'systemUniqueKey'] }],
  indexes: [{ properties: ['customerId', 'createdAt'] }, { properties: ['couponId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    bookId: { kind: 'm:1', entity: () => CouponBookEntity, mapToPk: true, fieldName: 'book_id', deleteRule: 'cascade' },
    couponId: { kind: 'm:1', entity: () => CouponEntity, mapToPk: true, fieldName: 'coupon_id', deleteRule: 'cascade' },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id', deleteRule: 'cascade' },
    kind: { enum: true, items: () => ['assign', 'use'], columnType: 'varchar(8)' },
    systemUniqueKey: { type: 'string', length: 255 },
    requestHash: { type: 'string', length: 64 },
    ledgerTransactionId: { type: 'string', length: 255, nullable: true },
    customAttributes: { type: 'json', defaultRaw: `'{}'` },
    expiresAt: { type: 'datetime', length: 6, nullable: true },
    revertedAt: { type: 'datetime', length: 6, nullable: true },
    createdAt: { type: 'datetime', length: 6 },
  },
});

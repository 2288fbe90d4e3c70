import { EntitySchema } from '@mikro-orm/core';
import { CouponBookEntity } from './coupon-book.entity';
import { CustomerEntity } from './customer.entity';
import { schemeRef } from './scheme-ref';

import type { CouponType } from '../../domain/transactions/ports';

/**
 * A coupon barcode a POS sends with a sale. The hub validates and consumes it;
 * the discount itself is applied by the till (value/type are informational).
 * `usedBy` is the uniqueId of the sale that consumed it: a retry of that sale
 * finds its own mark, any other sale finds the coupon used.
 */
export class CouponEntity {
  id!: string;
  schemeId!: string;
  code!: string;
  type!: CouponType;
  value!: number;
  customerId: string | null = null;
  validFrom: Date | null = null;
  validTo: Date | null = null;
  usedAt: Date | null = null;
  usedBy: string | null = null;
  /** A coupon book's code: the book it belongs to, and when it was handed to `customerId`. */
  bookId: string | null = null;
  assignedAt: Date | null = null;
  createdAt: Date = new Date();
}

export const CouponSchema = new EntitySchema<CouponEntity>({
  class: CouponEntity,
  tableName: 'coupons',
  uniques: [{ name: 'coupons_scheme_code_unique', properties: ['schemeId', 'code'] }],
  // A book's free codes, in the order they are handed out; a member's codes of a book; a member's codes, newest first.
  indexes: [
    { name: 'coupons_book_free_index', expression: 'create index "coupons_book_free_index" on "coupons" ("book_id", "created_at", "id") where customer_id is null and used_at is null' },
    { properties: ['bookId', 'customerId'] },
    { name: 'coupons_member_index', expression: 'create index "coupons_member_index" on "coupons" ("customer_id", "assigned_at", "id") where book_id is not null' },
    // Stats: a scheme's book codes handed out, and used, in a window.
    { name: 'coupons_book_assigned_index', expression: 'create index "coupons_book_assigned_index" on "coupons" ("scheme_id", "assigned_at", "book_id") where book_id is not null' },
    { name: 'coupons_book_used_index', expression: 'create index "coupons_book_used_index" on "coupons" ("scheme_id", "used_at", "book_id") where book_id is not null' },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    code: { type: 'string', length: 64 },
    type: { type: 'string', length: 16 },
    value: { type: 'integer' },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id', nullable: true },
    validFrom: { type: 'datetime', length: 6, nullable: true },
    validTo: { type: 'datetime', length: 6, nullable: true },
    usedAt: { type: 'datetime', length: 6, nullable: true },
    usedBy: { type: 'string', length: 200, nullable: true },
    bookId: { kind: 'm:1', entity: () => CouponBookEntity, mapToPk: true, fieldName: 'book_id', nullable: true, deleteRule: 'cascade' },
    assignedAt: { type: 'datetime', length: 6, nullable: true },
    createdAt: { type: 'datetime', length: 6 },
  },
});

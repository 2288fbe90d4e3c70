import { EntitySchema } from '@mikro-orm/core';
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
  createdAt: Date = new Date();
}

export const CouponSchema = new EntitySchema<CouponEntity>({
  class: CouponEntity,
  tableName: 'coupons',
  uniques: [{ name: 'coupons_scheme_code_unique', properties: ['schemeId', 'code'] }],
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
    createdAt: { type: 'datetime', length: 6 },
  },
});

import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { OutletEntity } from './outlet.entity';
import { schemeRef } from './scheme-ref';

/**
 * A completed sale: the request as posted, the calculated result and the
 * points each line earned (returns deduct exactly those). `uniqueId` is the
 * POS's idempotency key, unique per scheme.
 */
export class SaleEntity {
  id!: string;
  schemeId!: string;
  uniqueId!: string;
  requestHash!: string;
  customerId!: string;
  outletId!: string;
  pointsEarned!: string;
  pointsRedeemed!: string;
  request!: Record<string, unknown>;
  result!: Record<string, unknown>;
  lines!: Array<Record<string, unknown>>;
  /** Cumulative returns against this sale (units per line, points owed/re-added, refunds per payment). */
  returned: Record<string, unknown> | null = null;
  /** The pending earn while the return window is open; null once activated (or when there is no window). */
  pendingTransferId: string | null = null;
  pendingPoints = '0';
  pendingUntil: Date | null = null;
  createdAt: Date = new Date();
}

export const SaleSchema = new EntitySchema<SaleEntity>({
  class: SaleEntity,
  tableName: 'sales',
  uniques: [{ name: 'sales_scheme_unique_id_unique', properties: ['schemeId', 'uniqueId'] }],
  indexes: [{ name: 'sales_customer_created_at_index', properties: ['customerId', 'createdAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    uniqueId: { type: 'string', length: 200 },
    requestHash: { type: 'string', length: 64 },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id' },
    outletId: { kind: 'm:1', entity: () => OutletEntity, mapToPk: true, fieldName: 'outlet_id' },
    pointsEarned: { type: new BigIntType('string') },
    pointsRedeemed: { type: new BigIntType('string') },
    request: { type: 'json' },
    result: { type: 'json' },
    lines: { type: 'json' },
    returned: { type: 'json', nullable: true },
    pendingTransferId: { type: 'uuid', nullable: true },
    pendingPoints: { type: new BigIntType('string'), default: 0 },
    pendingUntil: { type: 'datetime', length: 6, nullable: true },
    createdAt: { type: 'datetime', length: 6 },
  },
});

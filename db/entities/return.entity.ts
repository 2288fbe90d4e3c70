import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { CustomerEntity } from './customer.entity';
import { SaleEntity } from './sale.entity';
import { schemeRef } from './scheme-ref';

/**
 * One return: against a recorded sale (full, line_item) or on its own
 * (custom). `uniqueId` is the return's idempotency key, unique per scheme, so
 * a retried return reads back its first result instead of deducting twice.
 */
export class ReturnEntity {
  id!: string;
  schemeId!: string;
  uniqueId!: string;
  requestHash!: string;
  saleId!: string | null;
  customerId!: string;
  kind!: 'full' | 'line_item' | 'custom';
  pointsDeducted!: string;
  pointsReadded!: string;
  pendingVoided!: string;
  shortfall!: string;
  request!: Record<string, unknown>;
  result!: Record<string, unknown>;
  createdAt: Date = new Date();
}

export const ReturnSchema = new EntitySchema<ReturnEntity>({
  class: ReturnEntity,
  tableName: 'returns',
  uniques: [{ name: 'returns_scheme_unique_id_unique', properties: ['schemeId', 'uniqueId'] }],
  indexes: [{ name: 'returns_sale_id_index', properties: ['saleId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    uniqueId: { type: 'string', length: 200 },
    requestHash: { type: 'string', length: 64 },
    saleId: { kind: 'm:1', entity: () => SaleEntity, mapToPk: true, fieldName: 'sale_id', nullable: true },
    customerId: { kind: 'm:1', entity: () => CustomerEntity, mapToPk: true, fieldName: 'customer_id' },
    kind: { type: 'string', length: 20 },
    pointsDeducted: { type: new BigIntType('string') },
    pointsReadded: { type: new BigIntType('string') },
    pendingVoided: { type: new BigIntType('string') },
    shortfall: { type: new BigIntType('string') },
    request: { type: 'json' },
    result: { type: 'json' },
    createdAt: { type: 'datetime', length: 6 },
  },
});

import { EntitySchema } from '@mikro-orm/core';
import type { CustomerStatus } from '../../domain/customer';
import { schemeRef } from './scheme-ref';

export class CustomerEntity {
  id!: string;
  schemeId!: string;
  firstName: string | null = null;
  lastName: string | null = null;
  email: string | null = null;
  phone: string | null = null;
  barcode!: string;
  status: CustomerStatus = 'ACTIVE';
  /** Free text from Loyalty+'s owner API; shown in no view (the seed's answers carry none). */
  notes: string | null = null;
  customAttributes: Record<string, string | number | boolean | null> = {};
  /** Set when the owner erased the customer: personal data gone, the ledger kept. */
  erasedAt: Date | null = null;
  idempotencyKey!: string;
  requestHash!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

/**
 * Uniqueness is per scheme and enforced here, by the database: two concurrent
 * creates with the same email cannot both win, whatever the application checks.
 * NULLs are distinct in PostgreSQL, so customers without email or phone coexist.
 */
export const CustomerSchema = new EntitySchema<CustomerEntity>({
  class: CustomerEntity,
  tableName: 'customers',
  uniques: [
    { name: 'customers_scheme_barcode_unique', properties: ['schemeId', 'barcode'] },
    { name: 'customers_scheme_email_unique', properties: ['schemeId', 'email'] },
    { name: 'customers_scheme_phone_unique', properties: ['schemeId', 'phone'] },
    { name: 'customers_scheme_idempotency_key_unique', properties: ['schemeId', 'idempotencyKey'] },
  ],
  indexes: [
    { name: 'customers_scheme_created_at_id_index', properties: ['schemeId', 'createdAt', 'id'] },
    { name: 'customers_scheme_updated_at_id_index', properties: ['schemeId', 'updatedAt', 'id'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    firstName: { type: 'string', length: 100, nullable: true },
    lastName: { type: 'string', length: 100, nullable: true },
    email: { type: 'string', length: 320, nullable: true },
    phone: { type: 'string', length: 16, nullable: true },
    barcode: { type: 'string', length: 64 },
    status: { type: 'string', length: 16, default: 'ACTIVE' },
    notes: { type: 'string', length: 1000, nullable: true },
    customAttributes: { type: 'json', defaultRaw: `'{}'` },
    erasedAt: { type: 'datetime', length: 6, nullable: true },
    idempotencyKey: { type: 'string', length: 255 },
    requestHash: { type: 'string', length: 64 },
    createdAt: { type: 'datetime', length: 6 },
    updatedAt: { type: 'datetime', length: 6 },
  },
});

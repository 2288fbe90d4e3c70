import type { Customer } from '../../domain/customer';
import type { ApiKeySummary, Scheme } from '../../domain/scheme';
import type { ApiKeyEntity } from '../entities/api-key.entity';
import type { CustomerEntity } from '../entities/customer.entity';
import type { SchemeEntity } from '../entities/scheme.entity';

export function toScheme(e: SchemeEntity): Scheme {
  return { id: e.id, name: e.name, currency: e.currency, timeZone: e.timeZone, createdAt: e.createdAt.toISOString() };
}

export function toApiKeySummary(e: ApiKeyEntity): ApiKeySummary {
  return {
    id: e.id,
    schemeId: e.schemeId,
    name: e.name,
    prefix: e.prefix,
    role: e.role,
    createdAt: e.createdAt.toISOString(),
    revokedAt: e.revokedAt?.toISOString() ?? null,
  };
}

export function toCustomer(e: CustomerEntity): Customer {
  return {
    id: e.id,
    schemeId: e.schemeId,
    firstName: e.firstName,
    lastName: e.lastName,
    email: e.email,
    phone: e.phone,
    barcode: e.barcode,
    status: e.status,
    customAttributes: e.customAttributes ?? {},
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

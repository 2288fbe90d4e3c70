import type { Customer, CustomerStatus } from '../customer';

/**
 * Loyalty+'s owner list pages by offset with a total (the seed's
 * `pagination: { page, limit, total }`), the hub's one exception to keyset
 * paging. An offset costs its depth, so it is bounded: page × limit at most this.
 */
export const MAX_OWNER_OFFSET = 10_000;

export const ownerSortFields = ['createdAt', 'name', 'totalPoints'] as const;
export type OwnerSortField = (typeof ownerSortFields)[number];

export interface OwnerSearch {
  /** From 1. */
  page: number;
  limit: number;
  /** Any part of a name, email, phone or barcode, any case. */
  search?: string;
  status?: CustomerStatus;
  sortBy: OwnerSortField;
  sortOrder: 'asc' | 'desc';
}

export interface OwnerListedCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  status: CustomerStatus;
  /** Available points in the scheme's default points account. */
  points: bigint;
}

/** The owner's view of a scheme's customers: erased ones are gone from it (the hub's own API still shows the emptied rows). */
export interface OwnerCustomerDirectory {
  /** The customer unless unknown, another scheme's or erased. */
  live(schemeId: string, customerId: string): Promise<Customer | null>;
  search(schemeId: string, q: OwnerSearch): Promise<{ rows: OwnerListedCustomer[]; total: number }>;
}

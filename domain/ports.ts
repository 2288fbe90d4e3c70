import type { Customer, CustomerChanges, NewCustomer } from './customer';
import type { Page, PageRequest } from './pagination';
import type { ApiKeySummary, IssuedApiKey, NewScheme, Scheme } from './scheme';

/**
 * The narrow interfaces the API and the activities depend on. Implementations
 * live in db/repositories; nothing outside db/ sees MikroORM.
 */
export interface SchemeRepository {
  create(input: NewScheme): Promise<Scheme>;
  findById(id: string): Promise<Scheme | null>;
  findByName(name: string): Promise<Scheme | null>;
}

export interface AuthenticatedKey {
  keyId: string;
  schemeId: string;
}

export interface ApiKeyRepository {
  issue(schemeId: string, name: string | null): Promise<IssuedApiKey>;
  list(schemeId: string): Promise<ApiKeySummary[]>;
  revoke(schemeId: string, keyId: string): Promise<ApiKeySummary | null>;
  /** Resolves a presented key to its scheme; null when unknown or revoked. */
  authenticate(schemeId: string, presentedKey: string): Promise<AuthenticatedKey | null>;
}

export interface CreateCustomerCommand {
  schemeId: string;
  customer: NewCustomer;
  /** Stable for every retry of the same logical create; enforced unique per scheme. */
  idempotencyKey: string;
  /** Hash of the canonical request, to refuse a key reused for a different body. */
  requestHash: string;
}

export interface CustomerLookup {
  barcode?: string;
  email?: string;
  phone?: string;
}

export interface CustomerRepository {
  create(command: CreateCustomerCommand): Promise<Customer>;
  update(schemeId: string, customerId: string, changes: CustomerChanges): Promise<Customer>;
  findById(schemeId: string, customerId: string): Promise<Customer | null>;
  list(schemeId: string, lookup: CustomerLookup, page: PageRequest): Promise<Page<Customer>>;
}

export interface Repositories {
  schemes: SchemeRepository;
  apiKeys: ApiKeyRepository;
  customers: CustomerRepository;
}

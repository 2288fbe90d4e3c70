import type { Customer } from '../domain/customer';
import type { Repositories } from '../domain/ports';
import type { Logger } from '../runtime/logger';
import type { Metrics } from '../runtime/metrics';
import type { CreateCustomerInput, UpdateCustomerInput } from '../workflows/definitions';

/** What the API asks of Temporal; the implementation is temporal-gateway.ts. */
export interface CustomerWorkflows {
  create(input: CreateCustomerInput): Promise<Customer>;
  update(input: UpdateCustomerInput, requestId: string): Promise<Customer>;
}

export interface HealthChecks {
  postgres(): Promise<void>;
  temporal(): Promise<void>;
}

export interface AppDeps {
  repos: Repositories;
  workflows: { customers: CustomerWorkflows };
  health: HealthChecks;
  logger: Logger;
  metrics: Metrics;
  adminToken: string;
  bodyLimit?: string;
}

import type { Customer } from '../domain/customer';
import type { CustomerRepository } from '../domain/ports';
import type { CreateCustomerInput, UpdateCustomerInput } from '../workflows/definitions';
import { withFailureMapping } from './failures';

export interface CustomerActivityDeps {
  customers: CustomerRepository;
}

export function createCustomerActivities({ customers }: CustomerActivityDeps) {
  return {
    /** Idempotent: the (scheme, idempotency key) unique constraint makes a retry return the first row. */
    createCustomer: withFailureMapping(
      (input: CreateCustomerInput): Promise<Customer> =>
        customers.create({
          schemeId: input.schemeId,
          customer: input.customer,
          idempotencyKey: input.idempotencyKey,
          requestHash: input.requestHash,
        }),
    ),
    /** Idempotent by nature: applying the same changes twice leaves the same row. */
    updateCustomer: withFailureMapping(
      (input: UpdateCustomerInput): Promise<Customer> => customers.update(input.schemeId, input.customerId, input.changes),
    ),
  };
}

export type CustomerActivities = ReturnType<typeof createCustomerActivities>;

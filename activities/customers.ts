import { log } from '@temporalio/activity';
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
    createCustomer: withFailureMapping(async (input: CreateCustomerInput): Promise<Customer> => {
      const customer = await customers.create({
        schemeId: input.schemeId,
        customer: input.customer,
        idempotencyKey: input.idempotencyKey,
        requestHash: input.requestHash,
        ...(input.referralCode ? { referralCode: input.referralCode } : {}),
      });
      // The activity logger adds workflowId, runId and activityId to the line.
      log.info('customer stored', { schemeId: input.schemeId, customerId: customer.id });
      return customer;
    }),
    /** Idempotent by nature: applying the same changes twice leaves the same row. */
    updateCustomer: withFailureMapping(async (input: UpdateCustomerInput): Promise<Customer> => {
      const customer = await customers.update(input.schemeId, input.customerId, input.changes);
      log.info('customer updated', { schemeId: input.schemeId, customerId: customer.id, status: customer.status });
      return customer;
    }),
  };
}

export type CustomerActivities = ReturnType<typeof createCustomerActivities>;

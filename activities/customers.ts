import { log } from '@temporalio/activity';
import type { Customer } from '../domain/customer';
import type { CustomerRepository, RegistrationStore } from '../domain/ports';
import { registerCustomer } from '../domain/customers/register';
import type { CreateCustomerInput, UpdateCustomerInput } from '../workflows/contracts/customers';
import { withFailureMapping } from './failures';
import { customerCreatedEvent, type HubEvent } from '../domain/events/hub-event';
import type { HubEventRepository } from '../domain/events/ports';

export interface CustomerActivityDeps {
  customers: CustomerRepository;
  registrations: RegistrationStore;
  hubEvents: HubEventRepository;
}

/** `journalled` (executions from before the one-step registration): nothing listened, so the event was journalled here. */
export type StoredCustomer = Customer & { journalled?: boolean };

export function createCustomerActivities({ customers, registrations, hubEvents }: CustomerActivityDeps) {
  // Registrations are frequent: an event nothing listens for is journalled here rather than delivered by a workflow.
  const journalIfQuiet = async (event: HubEvent): Promise<boolean> => {
    if (await hubEvents.listening(event.schemeId, event.customerId, event.type)) return false;
    await hubEvents.journalQuiet(event);
    return true;
  };

  return {
    /** Idempotent: the (scheme, idempotency key) unique constraint makes a retry return the first row. */
    createCustomer: withFailureMapping(async (input: CreateCustomerInput & { journalIfQuiet?: boolean; announce?: { originConnectionId?: string } }): Promise<StoredCustomer> => {
      const customer = await registerCustomer(registrations, {
        schemeId: input.schemeId,
        customer: input.customer,
        idempotencyKey: input.idempotencyKey,
        requestHash: input.requestHash,
        ...(input.referralCode ? { referralCode: input.referralCode } : {}),
        ...(input.announce ? { announce: input.announce } : {}),
      });
      // The activity logger adds workflowId, runId and activityId to the line.
      log.info('customer stored', { schemeId: input.schemeId, customerId: customer.id });
      // A referral made with the registration listens for it by definition.
      if (input.journalIfQuiet && !input.referralCode && (await journalIfQuiet(customerCreatedEvent(input.schemeId, customer)))) return { ...customer, journalled: true };
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

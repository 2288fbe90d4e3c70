import type { Customer, CustomerChanges, NewCustomer } from '../../domain/customer';
import type { Outcome } from '../../domain/outcome';
import type { OneStep } from './common';

export interface CreateCustomerInput extends OneStep {
  schemeId: string;
  customer: NewCustomer;
  idempotencyKey: string;
  requestHash: string;
  /** Registered from a partner event: not synced back to that connection. */
  originConnectionId?: string;
  /** A referral code given at registration. */
  referralCode?: string;
}

export interface UpdateCustomerInput {
  schemeId: string;
  customerId: string;
  changes: CustomerChanges;
  /** The connection a partner event came from: the change is not synced back to it (no echo loop). */
  originConnectionId?: string;
}

export type CreateCustomerWorkflow = (input: CreateCustomerInput) => Promise<Outcome<Customer> | Customer>;
export type UpdateCustomerWorkflow = (input: UpdateCustomerInput) => Promise<Outcome<Customer> | Customer>;

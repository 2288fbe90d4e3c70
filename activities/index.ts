import type { Repositories } from '../domain/ports';
import { createCustomerActivities } from './customers';
import { createLedgerActivities } from './ledger';

export type ActivityDeps = Pick<Repositories, 'customers' | 'ledger'>;

/** Builds every activity from its ports; the worker registers the result. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCustomerActivities(deps),
    ...createLedgerActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

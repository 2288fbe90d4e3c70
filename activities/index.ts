import type { Repositories } from '../domain/ports';
import { createCustomerActivities } from './customers';

export type ActivityDeps = Pick<Repositories, 'customers'>;

/** Builds every activity from its ports; the worker registers the result. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCustomerActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

import { randomUUID } from 'node:crypto';
import { normalizeNewCustomer, type CustomerChanges } from '../../domain/customer';
import type { PosSettingsRepository, RequestClaims } from '../../domain/pos/ports';
import type { CustomerRepository } from '../../domain/ports';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { loyaleCustomerEndpoints } from '../endpoints/loyale-customers';
import { schemeOf } from '../middleware/auth';
import type { CustomerWorkflows, RequestMeta } from '../ports';
import { findCustomer } from './customer-points';
import { loyaleCustomer } from './loyale-views';
import { posRequestIdentity } from './pos-request-identity';

export interface LoyaleCustomerDeps {
  customers: Pick<CustomerRepository, 'findById' | 'list'>;
  posSettings: Pick<PosSettingsRepository, 'get'>;
  requestClaims: RequestClaims;
  workflows: CustomerWorkflows;
}

/** Loyale's field names onto the hub's (only the fields sent: undefined leaves a field as it is). */
const hubFields = ({ phoneNumber, barCode, ...names }: { firstName?: string | null; lastName?: string | null; email?: string | null; phoneNumber?: string | null; barCode?: string }): CustomerChanges =>
  normalizeNewCustomer({ ...names, ...(phoneNumber !== undefined ? { phone: phoneNumber } : {}), ...(barCode !== undefined ? { barcode: barCode } : {}) });

/** Loyale's Customer operations: thin translations onto the hub's createCustomer and updateCustomer workflows. */
export function loyaleCustomerHandlers(d: LoyaleCustomerDeps): Handlers<typeof loyaleCustomerEndpoints> {
  /** The customer's changes through the update workflow, answered as Loyale's customer. */
  const update = async (schemeId: string, customerId: string, changes: CustomerChanges, meta: RequestMeta) =>
    ok(loyaleCustomer(await d.workflows.update({ schemeId, customerId, changes }, meta)));

  return {
    async loyaleRegisterCustomer({ headers, body, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = hubFields(body);
      // Loyale's register carries no unique id: the key, or identical requests within the window, make it one
      // registration. Hashing the normalized fields makes `Ann@X` and `ann@x` the same request. Without a key, only a
      // body naming the person (email, phone or barCode) is claimed: anonymous cards handed out one after another
      // are different customers, however alike their bodies.
      const { dedupWindowSeconds } = await d.posSettings.get(schemeId);
      const named = Boolean(customer.email || customer.phone || customer.barcode);
      const { uniqueId, requestHash } =
        named || headers['idempotency-key']
          ? await posRequestIdentity(d.requestClaims, res, { route: 'loyale-register-customer', body: customer, idempotencyKey: headers['idempotency-key'], windowSeconds: dedupWindowSeconds })
          : { uniqueId: `auto:${randomUUID()}`, requestHash: 'anonymous' };
      const made = await d.workflows.create({ schemeId, customer, idempotencyKey: uniqueId, requestHash }, res.locals);
      // A repeat joins the first registration's stored answer: answer the customer as it is now.
      return created(loyaleCustomer(await findCustomer(d.customers, schemeId, { id: made.id })));
    },

    async loyaleGetCustomer({ params: { id }, res }) {
      return ok(loyaleCustomer(await findCustomer(d.customers, schemeOf(res.locals), { id })));
    },

    async loyaleModifyCustomer({ params: { id }, body, res }) {
      const schemeId = schemeOf(res.locals);
      await findCustomer(d.customers, schemeId, { id });
      return update(schemeId, id, hubFields(body), res.locals);
    },

    async loyaleHoldCustomer({ params: { id }, body: { onHold }, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await findCustomer(d.customers, schemeId, { id });
      const status = onHold ? 'BLOCKED' : 'ACTIVE';
      // Already so: no workflow, no event, no partner sync for a change that is none.
      if (customer.status === status) return ok(loyaleCustomer(customer));
      return update(schemeId, id, { status }, res.locals);
    },
  };
}

import type { Response } from 'express';
import type { Customer, CustomerChanges } from '../../domain/customer';
import { eraseChanges } from '../../domain/customers/erase';
import { fullName, splitName } from '../../domain/customers/name';
import type { OwnerCustomerDirectory } from '../../domain/customers/owner-directory';
import { NotFoundError } from '../../domain/errors';
import type { PointsHistoryPort } from '../../domain/ledger/history';
import { adjustmentKey, adjustmentOp } from '../../domain/points/adjustment';
import type { PosSettingsRepository, RequestClaims } from '../../domain/pos/ports';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { loyaltyPlusOwnerEndpoints } from '../endpoints/loyaltyplus-owner';
import { schemeOf } from '../middleware/auth';
import type { CustomerWorkflows } from '../ports';
import { availablePoints, pointsWallet } from './customer-points';
import { actorOf, postPointsOp, type PointsPostingDeps } from './points-posting';
import { posRequestIdentity } from './pos-request-identity';

export interface LoyaltyPlusOwnerDeps extends PointsPostingDeps {
  ownerCustomers: OwnerCustomerDirectory;
  customerWorkflows: CustomerWorkflows;
  pointsHistory: PointsHistoryPort;
  posSettings: PosSettingsRepository;
  requestClaims: RequestClaims;
}

/** How many history lines the details answer carries (the seed's shows a list, no paging). */
const HISTORY_LINES = 50;

/** Loyalty+'s owner API (seed 001): customers through the hub's customer workflows, points through its adjustment. */
export function loyaltyPlusOwnerHandlers(d: LoyaltyPlusOwnerDeps): Handlers<typeof loyaltyPlusOwnerEndpoints> {
  /** Unknown, another scheme's and erased customers are all the same 404. */
  const live = async (schemeId: string, id: string): Promise<Customer> => {
    const customer = await d.ownerCustomers.live(schemeId, id);
    if (!customer) throw new NotFoundError('Customer');
    return customer;
  };
  /** The request's uniqueId: its Idempotency-Key, or the claim identical requests share within the scheme's window. */
  const identity = async (res: Response, route: string, body: unknown, idempotencyKey: string | undefined) => {
    const { dedupWindowSeconds } = await d.posSettings.get(schemeOf(res.locals));
    return posRequestIdentity(d.requestClaims, res, { route, body, idempotencyKey, windowSeconds: dedupWindowSeconds });
  };
  /** The hub's adjustment (the owner key is its actor), exactly once under `uniqueId`. */
  const adjust = async (res: Response, customer: Customer, uniqueId: string, points: number, reason: string) => {
    const wallet = await pointsWallet(d, customer.schemeId, customer.id);
    const op = adjustmentOp(BigInt(points), reason, wallet, actorOf(res));
    // `owner:` keeps these keys apart from the hub's own adjustments' uniqueIds (the same text there is another operation).
    return postPointsOp(d, res, customer, adjustmentKey(`owner:${uniqueId}`), { points: String(points), reason: reason.trim() }, op);
  };
  const totalPoints = async (customer: Customer) => Number(await availablePoints(d, customer.schemeId, customer.id));

  return {
    async loyaltyPlusCreateCustomer({ headers, body, res }) {
      const schemeId = schemeOf(res.locals);
      const { uniqueId, requestHash } = await identity(res, 'owner/customers', body, headers['idempotency-key']);
      const made = await d.customerWorkflows.create(
        { schemeId, customer: { ...splitName(body.name), phone: body.phone, ...(body.notes ? { notes: body.notes } : {}) }, idempotencyKey: uniqueId, requestHash },
        res.locals,
      );
      // A repeat joins the first create and gets its stored answer: read the customer as it is now, so one erased
      // or blocked since is not answered (nor credited) as it was.
      const customer = await live(schemeId, made.id);
      // Keyed by the customer, not the request: a retry that replays the create finds the same adjustment.
      if (body.initialPoints) await adjust(res, customer, `owner-create/${customer.id}`, body.initialPoints, 'Initial points');
      return created({ success: true, customer: { id: customer.id, name: fullName(customer), phone: customer.phone, totalPoints: await totalPoints(customer) } });
    },

    async loyaltyPlusListCustomers({ query, res }) {
      const { page, limit, search, statusFilter, sortBy, sortOrder } = query;
      const { rows, total } = await d.ownerCustomers.search(schemeOf(res.locals), { page, limit, search, status: statusFilter, sortBy, sortOrder });
      const customers = rows.map((c) => ({ id: c.id, name: fullName(c), phone: c.phone, status: c.status, totalPoints: Number(c.points) }));
      return ok({ customers, pagination: { page, limit, total } });
    },

    async loyaltyPlusGetCustomerDetails({ params: { id }, res }) {
      const customer = await live(schemeOf(res.locals), id);
      const [history, total] = await Promise.all([d.pointsHistory.forCustomer(customer.schemeId, customer.id, { limit: HISTORY_LINES }), totalPoints(customer)]);
      return ok({
        customer: { id: customer.id, name: fullName(customer), phone: customer.phone, status: customer.status },
        pointsHistory: history.data.map((line) => ({ delta: Number(line.amount), reason: line.description, at: line.at })),
        totalPoints: total,
      });
    },

    async loyaltyPlusUpdateCustomer({ params: { id }, body, res }) {
      const customer = await live(schemeOf(res.locals), id);
      const changes: CustomerChanges = { ...(body.name ? splitName(body.name) : {}), phone: body.phone, status: body.status };
      const updated = await d.customerWorkflows.update({ schemeId: customer.schemeId, customerId: customer.id, changes }, res.locals);
      return ok({ success: true, customer: { id: updated.id, name: fullName(updated), status: updated.status } });
    },

    async loyaltyPlusAdjustPoints({ params: { id }, headers, body, res }) {
      const customer = await live(schemeOf(res.locals), id);
      // The customer is part of the route: the same body for another customer is another request.
      const { uniqueId } = await identity(res, `owner/customers/${customer.id}/points`, body, headers['idempotency-key']);
      const { available } = await adjust(res, customer, uniqueId, body.points, body.reason);
      return ok({ success: true, newBalance: Number(available), adjustment: body.points });
    },

    async loyaltyPlusDeleteCustomer({ params: { id }, res }) {
      const customer = await live(schemeOf(res.locals), id);
      await d.customerWorkflows.update({ schemeId: customer.schemeId, customerId: customer.id, changes: eraseChanges(customer.id) }, res.locals);
      return ok({ success: true, message: 'Customer deleted permanently' });
    },
  };
}

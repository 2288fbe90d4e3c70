import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { canonicalJson } from '../../domain/canonical-json';
import type { Customer } from '../../domain/customer';
import { BusinessRuleError } from '../../domain/errors';
import type { LedgerOp } from '../../domain/ledger/operations';
import { opToWire } from '../../domain/ledger/wire';
import { adjustmentKey, adjustmentOp, topUpKey, topUpOp, type Actor } from '../../domain/points/adjustment';
import type { CustomerRepository } from '../../domain/ports';
import { created, type Handlers } from '../endpoints/endpoint';
import type { pointOperationEndpoints } from '../endpoints/point-operations';
import { schemeOf } from '../middleware/auth';
import type { LedgerWorkflows } from '../ports';
import { availablePoints, findCustomer, pointsWallet, type PointsLedger } from './customer-points';

export interface PointOperationDeps extends PointsLedger {
  customers: Pick<CustomerRepository, 'findById' | 'list'>;
  workflows: LedgerWorkflows;
}

/** Adjustments and top-ups: each one ledger operation run by the applyLedgerRequest workflow under its own key. */
export function pointOperationHandlers(d: PointOperationDeps): Handlers<typeof pointOperationEndpoints> {
  const actorOf = (res: Response): Actor => ({ keyId: res.locals.auth?.keyId ?? 'unknown', ...(res.locals.requestId ? { requestId: String(res.locals.requestId) } : {}) });

  /**
   * Posts one operation exactly once under `key`. The request hash covers what was asked, not who asked or when
   * (the actor's metadata), so the same request repeated replays, and another body under the key is a 409.
   */
  const post = async (res: Response, customer: Customer, key: string, asked: unknown, op: LedgerOp) => {
    if (customer.status === 'BLOCKED') throw new BusinessRuleError('The customer is blocked');
    const schemeId = schemeOf(res.locals);
    const requestHash = createHash('sha256').update(canonicalJson({ key, customerId: customer.id, asked })).digest('hex');
    const { transfers } = await d.workflows.applyLedgerRequest({ schemeId, systemUniqueKey: key, requestHash, ops: [opToWire(op)] }, res.locals);
    const [transfer] = transfers;
    if (!transfer) throw new Error('a points operation wrote no transfer');
    return { transfer, available: await availablePoints(d, schemeId, customer.id) };
  };

  return {
    async adjustCustomerPoints({ params: { id }, body, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await findCustomer(d.customers, schemeId, { id });
      const actor = actorOf(res);
      const op = adjustmentOp(body.points, body.reason, await pointsWallet(d, schemeId, customer.id), actor);
      // Without a uniqueId each request is its own adjustment (as the ledger API's mints are without systemUniqueKey).
      const key = adjustmentKey(body.uniqueId ?? `auto:${crypto.randomUUID()}`);
      const { transfer, available } = await post(res, customer, key, { points: body.points.toString(), reason: body.reason.trim() }, op);
      return created({ transactionId: transfer.id, customerId: customer.id, points: body.points.toString(), reason: transfer.description ?? body.reason, available: available.toString(), createdAt: transfer.createdAt });
    },

    async loyalePostTopUp({ body, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await findCustomer(d.customers, schemeId, { id: body.customerId, barcode: body.customerBarcode });
      const points = BigInt(body.points);
      const op = topUpOp(points, body.description, await pointsWallet(d, schemeId, customer.id), actorOf(res));
      const { transfer, available } = await post(res, customer, topUpKey(body.uniqueId), { points: body.points, description: body.description ?? null }, op);
      return created({ customerId: customer.id, uniqueId: body.uniqueId, status: 'COMPLETED' as const, transactionId: transfer.id, pointsAdded: body.points, pointsBefore: Number(available - points), pointsAfter: Number(available) });
    },
  };
}

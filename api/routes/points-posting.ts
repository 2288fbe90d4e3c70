import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { canonicalJson } from '../../domain/canonical-json';
import type { Customer } from '../../domain/customer';
import { BusinessRuleError } from '../../domain/errors';
import type { LedgerOp } from '../../domain/ledger/operations';
import { opToWire } from '../../domain/ledger/wire';
import type { PointsHistoryPort } from '../../domain/ledger/history';
import type { LedgerRepository } from '../../domain/ports';
import type { Actor } from '../../domain/points/adjustment';
import { schemeOf } from '../middleware/auth';
import type { LedgerWorkflows } from '../ports';
import type { PointsLedger } from './customer-points';

export interface PointsPostingDeps extends PointsLedger {
  /** With listTransfers: to tell a repeat (already posted under its key) from a new operation. */
  ledgers: Pick<LedgerRepository, 'customerWallets' | 'listTransfers'>;
  pointsHistory: PointsHistoryPort;
  workflows: LedgerWorkflows;
}

/** Who asks: the authenticated key (or `admin`), and the request, kept on the transfer. */
export const actorOf = (res: Response): Actor => ({ keyId: res.locals.auth?.keyId ?? 'unknown', ...(res.locals.requestId ? { requestId: String(res.locals.requestId) } : {}) });

/**
 * Posts one operation on a customer's balance (points, or stored value on
 * their gift card) exactly once under `key`, through the applyLedgerRequest
 * workflow, announced (its event and partner sync commit with it). The
 * request hash covers what was asked, not who asked or when (the actor's
 * metadata), so the same request repeated replays, and another body under the
 * key is a 409.
 */
export async function postCustomerOp(d: Pick<PointsPostingDeps, 'ledgers' | 'workflows'>, res: Response, customer: Customer, key: string, asked: unknown, op: LedgerOp, storedValue = false) {
  const schemeId = schemeOf(res.locals);
  // A blocked customer gets no new operation, but a repeat of one posted before the block still answers it.
  if (customer.status === 'BLOCKED' && !(await d.ledgers.listTransfers(schemeId, op.accountId, { systemUniqueKey: key, limit: 1, order: 'asc' })).data.length) {
    throw new BusinessRuleError('The customer is blocked');
  }
  const requestHash = createHash('sha256').update(canonicalJson({ key, customerId: customer.id, asked })).digest('hex');
  const announce = { customerId: customer.id, ...(storedValue ? { storedValue } : {}) };
  const { transfers } = await d.workflows.applyLedgerRequest({ schemeId, systemUniqueKey: key, requestHash, ops: [opToWire(op)], announce }, res.locals);
  const [transfer] = transfers;
  if (!transfer) throw new Error('a customer operation wrote no transfer');
  return transfer;
}

/** A points operation (an adjustment, a top-up) and the customer's available points around it. */
export async function postPointsOp(d: PointsPostingDeps, res: Response, customer: Customer, key: string, asked: unknown, op: LedgerOp) {
  const transfer = await postCustomerOp(d, res, customer, key, asked, op);
  // The balance around this transfer in the ledger's order (the points history's running sum), not the balance now:
  // a repeat answers what the first answer said, whatever was posted since.
  const line = (await d.pointsHistory.forCustomer(schemeOf(res.locals), customer.id, { transferId: transfer.id, limit: 1 })).data[0];
  if (!line) throw new Error('a points operation is missing from the points history');
  const available = BigInt(line.balance);
  return { transfer, before: available - BigInt(line.availableChange), available };
}

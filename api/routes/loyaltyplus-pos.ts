import type { Response } from 'express';
import type { Customer } from '../../domain/customer';
import { fullName } from '../../domain/customers/name';
import { BusinessRuleError, DependencyUnavailableError, NotFoundError } from '../../domain/errors';
import { opToWire } from '../../domain/ledger/wire';
import { checkinLines, identifierKind } from '../../domain/pos/checkin';
import type { PosSettingsRepository, RequestClaims } from '../../domain/pos/ports';
import { outletForStore, rewardState, type PosSettings } from '../../domain/pos/settings';
import type { CustomerRepository, LedgerPort, LedgerRepository } from '../../domain/ports';
import { precheckSale } from '../../domain/transactions/calculate';
import { currencyDecimals } from '../../domain/transactions/money';
import type { PointRulesRepository } from '../../domain/transactions/ports';
import { ok, type Handlers } from '../endpoints/endpoint';
import type { loyaltyPlusPosEndpoints } from '../endpoints/loyaltyplus-pos';
import { schemeOf } from '../middleware/auth';
import type { LedgerWorkflows, SaleWorkflows } from '../ports';
import { statusUrl } from './pos-identity';
import { availablePoints, findCustomer, pointsWallet } from './customer-points';
import { posRequestIdentity } from './pos-request-identity';

export interface LoyaltyPlusPosDeps {
  customers: CustomerRepository;
  ledger: Pick<LedgerPort, 'defaultAccount' | 'customerWallet'>;
  ledgers: Pick<LedgerRepository, 'customerWallets'>;
  pointRules: PointRulesRepository;
  posSettings: PosSettingsRepository;
  requestClaims: RequestClaims;
  sales: SaleWorkflows;
  ledgerWorkflows: LedgerWorkflows;
}

/** Loyalty+ POS (seed 001): thin translations onto the hub's sale workflow and ledger operations. */
export function loyaltyPlusPosHandlers(d: LoyaltyPlusPosDeps): Handlers<typeof loyaltyPlusPosEndpoints> {
  /** By id or E.164 phone; another scheme's customer is indistinguishable from none. */
  const customerBy = (schemeId: string, ref: { id?: string; phone?: string }): Promise<Customer> => findCustomer(d.customers, schemeId, ref);
  const byIdentifier = (schemeId: string, identifier: string) => {
    const kind = identifierKind(identifier);
    if (!kind) throw new NotFoundError('Customer');
    return customerBy(schemeId, kind === 'id' ? { id: identifier } : { phone: identifier });
  };
  /** Available points in the scheme's points account (pending and held ones are not spendable). */
  const totalPoints = (schemeId: string, customerId: string): Promise<bigint> => availablePoints(d, schemeId, customerId);
  const outletFor = async (schemeId: string, storeId: string | undefined, settings: PosSettings): Promise<string> => {
    // The scheme's only outlet is looked up only when nothing else names one.
    const outletId = outletForStore(storeId, settings, null) ?? (await d.posSettings.onlyOutlet(schemeId));
    if (!outletId) throw new BusinessRuleError("No outlet to book the check-in at: send a hub outlet's id (or a store mapped in the POS settings' storeOutlets) as storeId, or set the scheme's default outlet");
    return outletId;
  };
  /** UNIT check-ins earn only through the unit SKU's pointsPerItem: without it (or with 0) they would post 0 points. */
  const assertUnitEarns = async (schemeId: string, settings: PosSettings) => {
    const rules = await d.pointRules.get(schemeId);
    const sku = settings.unitSku.toLowerCase();
    if (!rules.overrides.some((o) => o.match === 'sku' && o.value.toLowerCase() === sku && o.pointsPerItem !== undefined && BigInt(o.pointsPerItem) > 0n)) {
      throw new BusinessRuleError(`UNIT mode needs pointsPerItem on an SKU override for ${settings.unitSku} in the scheme's rules`);
    }
  };
  const identity = (res: Response, route: string, body: unknown, idempotencyKey: string | undefined, settings: PosSettings) =>
    posRequestIdentity(d.requestClaims, res, { route, body, idempotencyKey, windowSeconds: settings.dedupWindowSeconds });

  return {
    async loyaltyPlusCheckin({ headers, body, req, res }) {
      const schemeId = schemeOf(res.locals);
      const settings = await d.posSettings.get(schemeId);
      // What needs no workflow is refused before one starts (and before the request is claimed).
      const lines = checkinLines(settings, body);
      precheckSale(lines, [], currencyDecimals(res.locals.auth?.currency));
      if (settings.checkinMode === 'UNIT') await assertUnitEarns(schemeId, settings);
      const customer = await customerBy(schemeId, { id: body.customerId, phone: body.phone });
      const outletId = await outletFor(schemeId, body.storeId, settings);
      const { uniqueId, requestHash } = await identity(res, 'checkin', body, headers['idempotency-key'], settings);
      const input = { schemeId, uniqueId, requestHash, customerId: customer.id, outletId, sale: { lines, payments: [], coupons: [] }, statusUrl: statusUrl(req, uniqueId), request: body as Record<string, unknown> };
      const result = await d.sales.recordSale(input, res.locals);
      // No 202 in this dialect: the same request again (within the window, or with its key) joins the running sale.
      if (!result) throw new DependencyUnavailableError('Still processing; repeat the same request for its answer');
      const total = BigInt(result.pointsAfter);
      return ok({ success: true, customerId: result.customerId, pointsAwarded: result.pointsEarned, totalPoints: result.pointsAfter, ...rewardState(total, settings) });
    },

    async loyaltyPlusGetCustomer({ params: { identifier }, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await byIdentifier(schemeId, identifier);
      const [total, settings] = await Promise.all([totalPoints(schemeId, customer.id), d.posSettings.get(schemeId)]);
      return ok({ customerId: customer.id, name: fullName(customer), phone: customer.phone, status: customer.status, totalPoints: Number(total), rewardAvailable: rewardState(total, settings).rewardAvailable });
    },

    async loyaltyPlusGetBalance({ params: { identifier }, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await byIdentifier(schemeId, identifier);
      return ok({ customerId: customer.id, totalPoints: Number(await totalPoints(schemeId, customer.id)) });
    },

    async loyaltyPlusRedeem({ headers, body, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await customerBy(schemeId, { id: body.customerId, phone: body.phone });
      if (customer.status === 'BLOCKED') throw new BusinessRuleError('The customer is blocked');
      const settings = await d.posSettings.get(schemeId);
      const { accountId, walletId } = await pointsWallet(d, schemeId, customer.id);
      const { uniqueId, requestHash } = await identity(res, 'redeem', body, headers['idempotency-key'], settings);
      // One burn keyed by the uniqueId (the transfers' unique key): a repeat replays it, never burns twice.
      const burn = opToWire({ type: 'burn', accountId, walletId, amount: BigInt(body.points), code: 'redeem', description: settings.rewardTitle });
      const { transfers } = await d.ledgerWorkflows.applyLedgerRequest({ schemeId, systemUniqueKey: `pos-redeem/${uniqueId}`, requestHash, ops: [burn], announce: { customerId: customer.id } }, res.locals);
      const [transfer] = transfers;
      if (!transfer) throw new Error('a burn wrote no transfer');
      return ok({ success: true, redemptionId: transfer.id, pointsRedeemed: Number(transfer.amount), rewardTitle: settings.rewardTitle, remainingPoints: Number(await totalPoints(schemeId, customer.id)) });
    },
  };
}

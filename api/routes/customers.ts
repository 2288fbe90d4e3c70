import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import { normalizeEmail, normalizeNewCustomer, type Customer } from '../../domain/customer';
import { NotFoundError } from '../../domain/errors';
import type { LotPort } from '../../domain/ledger/lots';
import type { PointsHistoryPort } from '../../domain/ledger/history';
import type { CustomerRepository, LedgerRepository } from '../../domain/ports';
import type { ReferralRepository } from '../../domain/referrals/ports';
import type { customerEndpoints } from '../endpoints/customers';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import { schemeOf } from '../middleware/auth';
import type { CustomerWorkflows, ReferralWorkflows } from '../ports';

/** A workflow that completed before custom attributes existed recorded a customer without them: a retry joining it answers `{}`. */
const withAttributes = <T extends { customAttributes?: Customer['customAttributes'] }>(c: T): T => ({ ...c, customAttributes: c.customAttributes ?? {} });

export interface CustomerHandlerDeps {
  customers: CustomerRepository;
  ledgers: LedgerRepository;
  lots: LotPort;
  history: PointsHistoryPort;
  workflows: CustomerWorkflows;
  referrals: ReferralRepository;
  referralWorkflows: ReferralWorkflows;
}

export function customerHandlers({ customers, ledgers, lots, history, workflows, referrals, referralWorkflows }: CustomerHandlerDeps): Handlers<typeof customerEndpoints> {
  /** Scoped by scheme: another scheme's customer is indistinguishable from none. */
  const existing = async (schemeId: string, id: string) => {
    const customer = await customers.findById(schemeId, id);
    if (!customer) throw new NotFoundError('Customer');
    return customer;
  };

  return {
    async createCustomer({ headers, body: { referralCode, ...body }, res }) {
      const customer = normalizeNewCustomer(body);
      const requestHash = createHash('sha256').update(canonicalJson(referralCode ? { ...customer, referralCode } : customer)).digest('hex');
      // Without a client key every request is its own create; the generated key
      // still makes the workflow's retries of this one request idempotent.
      const idempotencyKey = headers['idempotency-key'] ?? `auto:${randomUUID()}`;
      const schemeId = schemeOf(res.locals);
      return created(withAttributes(await workflows.create({ schemeId, customer, idempotencyKey, requestHash, ...(referralCode ? { referralCode } : {}) }, res.locals)));
    },

    async listCustomers({ query: { limit, cursor, barcode, email, phone }, res }) {
      const lookup = { barcode, phone, email: email === undefined ? undefined : normalizeEmail(email) };
      return ok(await customers.list(schemeOf(res.locals), lookup, { limit, cursor }));
    },

    async getCustomer({ params: { id }, res }) {
      const schemeId = schemeOf(res.locals);
      const customer = await existing(schemeId, id);
      return ok({ ...customer, wallets: await ledgers.customerWallets(schemeId, id) });
    },

    async getCustomerBalance({ params: { id }, res }) {
      const schemeId = schemeOf(res.locals);
      await existing(schemeId, id);
      const wallets = await ledgers.customerWallets(schemeId, id);
      const expiring = await lots.expiring(wallets.map((w) => w.walletId), 3);
      return ok({
        customerId: id,
        ledgers: wallets.map((w) => ({
          ledgerId: w.ledgerId,
          accountId: w.accountId,
          walletId: w.walletId,
          available: w.available,
          // Earned inside a return window: not spendable until the window ends.
          pendingEarned: w.creditsPending,
          // Held for on-hold transactions.
          held: w.debitsPending,
          pending: w.pending,
          posted: w.posted,
          expiring: expiring.get(w.walletId) ?? [],
        })),
      });
    },

    async listPointsHistory({ params: { id }, query, res }) {
      const schemeId = schemeOf(res.locals);
      await existing(schemeId, id);
      return ok(await history.forCustomer(schemeId, id, query));
    },

    async listCustomerLots({ params: { id }, query: { status, ...page }, res }) {
      const schemeId = schemeOf(res.locals);
      await existing(schemeId, id);
      return ok(await lots.customerLots(schemeId, id, status === 'live', page));
    },

    async updateCustomer({ params: { id }, body, res }) {
      const schemeId = schemeOf(res.locals);
      const changes = normalizeNewCustomer(body);
      await existing(schemeId, id);
      return ok(withAttributes(await workflows.update({ schemeId, customerId: id, changes }, res.locals)));
    },

    /** Refer an existing customer (before their first qualifying event): the programme's limits decide at once. */
    async referCustomer({ params: { id }, body: { code }, res }) {
      const schemeId = schemeOf(res.locals);
      await existing(schemeId, id);
      return created(await referralWorkflows.refer({ schemeId, customerId: id, code }, res.locals));
    },

    async getCustomerReferral({ params: { id }, res }) {
      const found = await referrals.forCustomer(schemeOf(res.locals), id);
      if (!found) throw new NotFoundError('Referral');
      return ok(found);
    },
  };
}

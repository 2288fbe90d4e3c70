import { createHash, randomUUID } from 'node:crypto';
import { Router } from 'express';
import { canonicalJson } from '../../domain/canonical-json';
import { normalizeEmail, normalizeNewCustomer } from '../../domain/customer';
import { NotFoundError } from '../../domain/errors';
import type { ApiKeyRepository, CustomerRepository, LedgerRepository } from '../../domain/ports';
import { requireSchemeKey, schemeOf } from '../middleware/auth';
import type { CustomerWorkflows, ReferralWorkflows } from '../ports';
import type { ReferralRepository } from '../../domain/referrals/ports';
import { ReferBody } from '../schemas/referrals';
import { IdParam } from '../schemas/common';
import { CreateCustomerBody, CustomerListQuery, IdempotencyHeaders, UpdateCustomerBody } from '../schemas/customers';
import { parse } from '../validation';

export interface CustomersRouterDeps {
  apiKeys: ApiKeyRepository;
  customers: CustomerRepository;
  ledgers: LedgerRepository;
  workflows: CustomerWorkflows;
  referrals: ReferralRepository;
  referralWorkflows: ReferralWorkflows;
}

export function customersRouter({ apiKeys, customers, ledgers, workflows, referrals, referralWorkflows }: CustomersRouterDeps): Router {
  const router = Router();
  const auth = requireSchemeKey(apiKeys);

  router.post('/v1/customers', auth, async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const headers = parse(IdempotencyHeaders, req.headers, 'headers');
    const { referralCode, ...body } = parse(CreateCustomerBody, req.body, 'body');
    const customer = normalizeNewCustomer(body);
    const requestHash = createHash('sha256').update(canonicalJson(referralCode ? { ...customer, referralCode } : customer)).digest('hex');
    // Without a client key every request is its own create; the generated key
    // still makes the workflow's retries of this one request idempotent.
    const idempotencyKey = headers['idempotency-key'] ?? `auto:${randomUUID()}`;
    const created = await workflows.create({ schemeId, customer, idempotencyKey, requestHash, ...(referralCode ? { referralCode } : {}) }, res.locals);
    res.status(201).json(created);
  });

  router.get('/v1/customers', auth, async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const { limit, cursor, barcode, email, phone } = parse(CustomerListQuery, req.query, 'query');
    const lookup = { barcode, phone, email: email === undefined ? undefined : normalizeEmail(email) };
    res.json(await customers.list(schemeId, lookup, { limit, cursor }));
  });

  router.get('/v1/customers/:id', auth, async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const { id } = parse(IdParam, req.params, 'params');
    // Scoped by scheme: another scheme's customer is indistinguishable from none.
    const customer = await customers.findById(schemeId, id);
    if (!customer) throw new NotFoundError('Customer');
    res.json({ ...customer, wallets: await ledgers.customerWallets(schemeId, id) });
  });

  router.get('/v1/customers/:id/balance', auth, async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const { id } = parse(IdParam, req.params, 'params');
    if (!(await customers.findById(schemeId, id))) throw new NotFoundError('Customer');
    const wallets = await ledgers.customerWallets(schemeId, id);
    res.json({
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
      })),
    });
  });

  /** Refer an existing customer (before their first qualifying event): the programme's limits decide at once. */
  router.post('/v1/customers/:id/referral', auth, async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const { id } = parse(IdParam, req.params, 'params');
    const { code } = parse(ReferBody, req.body, 'body');
    if (!(await customers.findById(schemeId, id))) throw new NotFoundError('Customer');
    res.status(201).json(await referralWorkflows.refer({ schemeId, customerId: id, code }, res.locals));
  });

  router.get('/v1/customers/:id/referral', auth, async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const { id } = parse(IdParam, req.params, 'params');
    const found = await referrals.forCustomer(schemeId, id);
    if (!found) throw new NotFoundError('Referral');
    res.json(found);
  });

  router.put('/v1/customers/:id', auth, async (req, res) => {
    const schemeId = schemeOf(res.locals);
    const { id } = parse(IdParam, req.params, 'params');
    const changes = normalizeNewCustomer(parse(UpdateCustomerBody, req.body, 'body'));
    if (!(await customers.findById(schemeId, id))) throw new NotFoundError('Customer');
    res.json(await workflows.update({ schemeId, customerId: id, changes }, res.locals));
  });

  return router;
}

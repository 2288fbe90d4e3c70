import { registerCustomer } from '../domain/customers/register';
import { randomUUID } from 'node:crypto';
import type { Repositories } from '../domain/ports';

/** A scheme with the seed's rates, one outlet, an API key and `count` customers holding 100 000 points each. */
export async function salesScheme(repos: Repositories, count: number) {
  const scheme = await repos.schemes.create({ name: `bench-${randomUUID()}`, currency: 'EUR', timeZone: 'UTC' });
  await repos.pointRules.put(scheme.id, { earnPerUnit: '6', redeemPointsPerUnit: '100', overrides: [{ match: 'category', value: 'Gifts', earnPerUnit: '0' }] });
  const outlet = await repos.outlets.create(scheme.id, 'Main Street');
  const key = await repos.apiKeys.issue(scheme.id, 'bench');
  const accountId = (await repos.ledgers.listLedgers(scheme.id, { limit: 1 })).data[0]?.defaultAccountId;
  if (!accountId) throw new Error('the scheme has no default points account');
  const customers: string[] = [];
  const walletIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = await registerCustomer(repos.registrations, { schemeId: scheme.id, customer: {}, idempotencyKey: randomUUID(), requestHash: 'b' });
    const w = await repos.ledger.customerWallet(scheme.id, accountId, c.id);
    await repos.ledger.apply({ schemeId: scheme.id, systemUniqueKey: randomUUID(), requestHash: 'b', ops: [{ type: 'mint', accountId, walletId: w.id, amount: 100_000n }] });
    customers.push(c.id);
    walletIds.push(w.id);
  }
  const headers = { 'content-type': 'application/json', 'x-scheme': scheme.id, 'x-apikey': key.key };
  return { schemeId: scheme.id, outletId: outlet.id, accountId, customers, walletIds, headers };
}

import { normalizeEmail, type Customer } from '../../domain/customer';
import { NotFoundError } from '../../domain/errors';
import type { CustomerRepository, LedgerPort, LedgerRepository } from '../../domain/ports';

/** How a till names a customer, in any dialect: by id, barcode, email or phone (the first given counts). */
export interface CustomerRef {
  id?: string;
  barcode?: string;
  email?: string;
  phone?: string;
}

/** Scoped by scheme: another scheme's customer is indistinguishable from none (404 either way). */
export async function findCustomer(customers: Pick<CustomerRepository, 'findById' | 'list'>, schemeId: string, ref: CustomerRef): Promise<Customer> {
  const by = ref.id ? null : ref.barcode ? { barcode: ref.barcode } : ref.email ? { email: normalizeEmail(ref.email) } : ref.phone ? { phone: ref.phone } : undefined;
  const found = ref.id ? await customers.findById(schemeId, ref.id) : by ? (await customers.list(schemeId, by, { limit: 1 })).data[0] : undefined;
  if (!found) throw new NotFoundError('Customer');
  return found;
}

export type PointsLedger = { ledger: Pick<LedgerPort, 'defaultAccount' | 'customerWallet'>; ledgers: Pick<LedgerRepository, 'customerWallets'> };

/** The customer's wallet in the scheme's points account, created on first use (an adjustment may come before any sale). */
export async function pointsWallet({ ledger }: PointsLedger, schemeId: string, customerId: string): Promise<{ accountId: string; walletId: string }> {
  const { accountId } = await ledger.defaultAccount(schemeId);
  const wallet = await ledger.customerWallet(schemeId, accountId, customerId);
  return { accountId, walletId: wallet.id };
}

/** Available points in the scheme's points account: what a till calls the balance (pending and held ones are not spendable). */
export async function availablePoints({ ledger, ledgers }: PointsLedger, schemeId: string, customerId: string): Promise<bigint> {
  const [{ accountId }, wallets] = await Promise.all([ledger.defaultAccount(schemeId), ledgers.customerWallets(schemeId, customerId)]);
  return BigInt(wallets.find((w) => w.accountId === accountId)?.available ?? '0');
}

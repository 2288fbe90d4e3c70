import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../domain/errors';
import type { Query } from './ledger-engine';
import { customerOwnerKey } from './provision';
import type { SideWallets } from '../../domain/referrals/ports';

export type { SideWallets };

/** The customer's wallet in the account (created on first use, like any wallet) and the account's issuance wallet. */
export async function walletsFor(q: Query, schemeId: string, accountId: string | null, customerId: string): Promise<SideWallets> {
  const [account] = accountId
    ? await q<{ id: string }>('select id from ledger_accounts where scheme_id = ? and id = ?', [schemeId, accountId])
    : await q<{ id: string }>('select a.id from ledger_accounts a join ledgers l on l.id = a.ledger_id where a.scheme_id = ? and l.is_default and a.is_default', [schemeId]);
  if (!account) throw new NotFoundError('Ledger account');
  await q(
    `insert into wallets (id, scheme_id, account_id, kind, customer_id, owner_key, created_at) values (?, ?, ?, 'customer', ?, ?, now())
     on conflict (account_id, owner_key) do nothing`,
    [randomUUID(), schemeId, account.id, customerId, customerOwnerKey(customerId)],
  );
  const rows = await q<{ id: string; kind: string }>(`select id, kind from wallets where account_id = ? and (owner_key = ? or kind = 'issuance')`, [account.id, customerOwnerKey(customerId)]);
  return { accountId: account.id, customerWalletId: rows.find((r) => r.kind === 'customer')?.id as string, issuanceWalletId: rows.find((r) => r.kind === 'issuance')?.id as string };
}

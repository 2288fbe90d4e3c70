import { z } from 'zod';

/** What the ledger endpoints answer: ledgers, accounts, wallets and transfers as JSON (amounts as decimal strings). */
export const amount = z.string().meta({ description: 'Integer amount as a decimal string (exact; JSON numbers cannot carry every bigint)' });

export const TransactionView = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    debitWalletId: z.uuid(),
    creditWalletId: z.uuid(),
    amount,
    status: z.enum(['posted', 'pending', 'posted_from_pending', 'voided', 'expired']),
    code: z.string(),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    externalId: z.string().nullable(),
    externalEventDate: z.string().nullable(),
    systemUniqueKey: z.string(),
    pendingId: z.uuid().nullable(),
    timeoutAt: z.string().nullable(),
    reversalOf: z.uuid().nullable(),
    atomicSetId: z.uuid().nullable(),
    allowOverdraft: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'LedgerTransaction' });

export const LedgerView = z
  .object({ id: z.uuid(), name: z.string(), description: z.string().nullable(), isDefault: z.boolean(), defaultAccountId: z.uuid().nullable(), createdAt: z.string() })
  .meta({ id: 'Ledger' });
export const AccountView = z
  .object({
    id: z.uuid(),
    ledgerId: z.uuid(),
    name: z.string(),
    active: z.boolean(),
    decimals: z.number().int(),
    maxSupply: amount.nullable(),
    expiresInMonths: z.number().int().nullable(),
    isDefaultAccount: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'LedgerAccount' });
export const WalletView = z
  .object({
    walletId: z.uuid(),
    ledgerId: z.uuid(),
    accountId: z.uuid(),
    kind: z.enum(['customer', 'issuance', 'redemption', 'expiry']),
    customerId: z.uuid().nullable(),
    available: amount,
    posted: amount,
    pending: amount,
    debitsPosted: amount,
    creditsPosted: amount,
    debitsPending: amount,
    creditsPending: amount,
  })
  .meta({ id: 'Wallet' });

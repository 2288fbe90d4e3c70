import { z } from 'zod';
import { MAX_AMOUNT } from '../../domain/ledger/amount';
import { PageQuery } from './common';

/** Amounts: a safe integer or a decimal string, 1..18446744073709; parsed to bigint, never a float. */
export const Amount = z
  .union([z.number().int().safe(), z.string().regex(/^[0-9]{1,20}$/, 'must be a decimal string of digits')])
  .transform((v, ctx) => {
    const n = typeof v === 'number' || /^\d+$/.test(v) ? BigInt(v) : 0n;
    if (n <= 0n || n > MAX_AMOUNT) {
      ctx.addIssue({ code: 'custom', message: `must be between 1 and ${MAX_AMOUNT}` });
      return z.NEVER;
    }
    return n;
  })
  .meta({ description: `Integer amount in the account's smallest unit (1..${MAX_AMOUNT}); number or decimal string`, example: '150' });

const key = z.string().regex(/^[\w.:#/-]{1,200}$/, 'must be 1-200 letters, digits or . _ : # / -');

/** The seed's tracking fields, on every mutation. */
export const Tracking = z.object({
  systemUniqueKey: key.optional().meta({ description: 'Idempotency key (unique per scheme). Generated when absent.' }),
  externalId: z.string().max(255).optional(),
  externalEventDate: z.iso.datetime({ offset: true }).optional(),
  description: z.string().max(1000).optional(),
  tags: z.array(z.string().min(1).max(64)).max(20).optional(),
  code: z.string().regex(/^[a-z0-9_-]{1,32}$/).optional(),
});

export const CaptureMethod = z.enum(['auto', 'manual']).default('auto').meta({ description: 'manual makes the transfer pending (a hold)' });

export const TransferBody = Tracking.extend({
  fromWalletId: z.uuid(),
  toWalletId: z.uuid(),
  amount: Amount,
  captureMethod: CaptureMethod,
  timeoutAt: z.iso.datetime({ offset: true }).optional(),
  allowOverdraft: z.boolean().optional(),
}).strict().meta({ id: 'LedgerTransfer' });

export const MintBody = Tracking.extend({ amount: Amount }).strict().meta({ id: 'LedgerMint' });

export const BurnBody = Tracking.extend({
  amount: Amount,
  captureMethod: CaptureMethod,
  timeoutAt: z.iso.datetime({ offset: true }).optional(),
}).strict().meta({ id: 'LedgerBurn' });

export const RevertBody = Tracking.extend({ amount: Amount.optional() }).strict().meta({ id: 'LedgerRevert' });

export const CaptureBody = Tracking.extend({
  transactions: z.array(z.object({ ledgerTransactionId: z.uuid(), captureAmount: Amount.optional() }).strict()).min(1).max(100),
}).strict().meta({ id: 'LedgerCapture' });

export const VoidBody = Tracking.extend({
  transactions: z.array(z.object({ ledgerTransactionId: z.uuid() }).strict()).min(1).max(100),
}).strict().meta({ id: 'LedgerVoid' });

const BatchOp = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transfer'), accountId: z.uuid(), fromWalletId: z.uuid(), toWalletId: z.uuid(), amount: Amount, captureMethod: CaptureMethod, allowOverdraft: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('mint'), accountId: z.uuid(), walletId: z.uuid(), amount: Amount }).strict(),
  z.object({ type: z.literal('burn'), accountId: z.uuid(), walletId: z.uuid(), amount: Amount, captureMethod: CaptureMethod }).strict(),
  z.object({ type: z.literal('capture'), accountId: z.uuid(), ledgerTransactionId: z.uuid(), captureAmount: Amount.optional() }).strict(),
  z.object({ type: z.literal('void'), accountId: z.uuid(), ledgerTransactionId: z.uuid() }).strict(),
  z.object({ type: z.literal('revert'), accountId: z.uuid(), ledgerTransactionId: z.uuid(), amount: Amount.optional() }).strict(),
]);

export const BatchBody = Tracking.extend({ operations: z.array(BatchOp).min(1).max(100) }).strict().meta({ id: 'LedgerBatch' });

export const LedgerBody = z.object({ name: z.string().trim().min(1).max(200), description: z.string().max(1000).nullable().optional() }).strict().meta({ id: 'CreateLedger' });
export const UpdateLedgerBody = LedgerBody.extend({ defaultAccountId: z.uuid().optional() }).strict().meta({ id: 'UpdateLedger' });

export const AccountBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    active: z.boolean(),
    decimals: z.number().int().min(0).max(8).optional(),
    maxSupply: Amount.nullable().optional(),
    expiresInMonths: z.number().int().min(0).max(1200).nullable().optional().meta({ description: 'Points earned into the account expire at the end of the month this many months later, in the scheme time zone; 0 or null: never' }),
    isDefaultAccount: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'LedgerAccountInput' });

export const TransactionsQuery = PageQuery.extend({
  order: z.enum(['createdAt,asc', 'createdAt,desc', 'createdAt']).default('createdAt,desc'),
  fromExternalEventDate: z.iso.datetime({ offset: true }).optional(),
  toExternalEventDate: z.iso.datetime({ offset: true }).optional(),
  systemUniqueKey: z.string().max(255).optional(),
  walletId: z.uuid().optional(),
  tags: z.string().max(500).optional().meta({ description: 'comma-separated; a transaction must carry all of them' }),
});

export const LedgerParams = z.object({ ledgerId: z.uuid() });
export const AccountParams = LedgerParams.extend({ accountId: z.uuid() });
export const WalletParams = AccountParams.extend({ walletId: z.uuid() });
export const TransactionParams = AccountParams.extend({ transactionId: z.uuid() });

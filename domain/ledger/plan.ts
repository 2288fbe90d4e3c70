import { BusinessRuleError, ConflictError, NotFoundError, ValidationError } from '../errors';
import type { LedgerOp, LedgerRequest, Transfer, TransferStatus } from './operations';
import {
  assertCanDebit,
  assertDistinctWallets,
  assertPostable,
  assertWithinSupply,
  captureAmount,
  pendingLeg,
  postedLeg,
  resolvePendingLeg,
  reversalAmount,
} from './rules';
import type { WalletKind, WalletTotals } from './wallet';

/**
 * Turning a request into transfers and new wallet totals, without I/O: the
 * engine loads and locks what this names, calls it, and writes the result in
 * the same transaction. Operations see the effects of the ones before them,
 * so a batch is checked as a whole.
 */
export interface PlanAccount {
  id: string;
  active: boolean;
  maxSupply: bigint | null;
  system: Record<'issuance' | 'redemption' | 'expiry', string>;
}

export interface PlanWallet {
  id: string;
  accountId: string;
  kind: WalletKind;
  totals: WalletTotals;
}

export interface PlanState {
  accounts: Map<string, PlanAccount>;
  wallets: Map<string, PlanWallet>;
  /** Transfers the request points at (capture/void/expire/revert), with what already resolved them. */
  referenced: Map<string, Transfer & { resolved: boolean; reversed: boolean }>;
  now: Date;
  newId: () => string;
}

export type NewTransfer = Omit<Transfer, 'createdAt' | 'systemUniqueKey' | 'atomicSetId'> & { metadata: Record<string, unknown> };

export interface Plan {
  transfers: NewTransfer[];
  /** Only the wallets whose totals changed. */
  wallets: Map<string, WalletTotals>;
}

/** Every wallet a request will touch, to lock them (in the lock order, db/ledger/wallet-locks.ts) before planning. */
export function walletsToLock(ops: LedgerOp[], accounts: Map<string, PlanAccount>, referenced: Map<string, Transfer>): string[] {
  const ids = new Set<string>();
  for (const op of ops) {
    const system = accounts.get(op.accountId)?.system;
    switch (op.type) {
      case 'transfer':
        ids.add(op.fromWalletId).add(op.toWalletId);
        break;
      case 'mint':
        ids.add(op.walletId);
        if (system) ids.add(system.issuance);
        break;
      case 'burn':
        ids.add(op.walletId);
        if (system) ids.add(system.redemption);
        break;
      default: {
        const ref = referenced.get(op.type === 'revert' ? op.transferId : op.pendingTransferId);
        if (ref) ids.add(ref.debitWalletId).add(ref.creditWalletId);
      }
    }
  }
  return [...ids].sort();
}

export function referencedIds(ops: LedgerOp[]): string[] {
  return ops.flatMap((op) => (op.type === 'revert' ? [op.transferId] : 'pendingTransferId' in op ? [op.pendingTransferId] : []));
}

export function planLedgerRequest(req: LedgerRequest, state: PlanState): Plan {
  if (req.ops.length === 0) throw new ValidationError('A ledger request needs at least one operation');
  const totals = new Map<string, WalletTotals>();
  const current = (id: string) => totals.get(id) ?? (state.wallets.get(id) as PlanWallet).totals;
  const transfers: NewTransfer[] = [];
  const resolvedHere = new Set<string>();
  const revertedHere = new Set<string>();

  const wallet = (id: string, accountId: string) => {
    const w = state.wallets.get(id);
    if (!w) throw new NotFoundError(`Wallet ${id}`);
    if (w.accountId !== accountId) throw new ValidationError('Wallet belongs to another ledger account', [{ path: 'walletId', message: id }]);
    return { ...w, totals: current(id) };
  };

  const post = (op: LedgerOp, debitId: string, creditId: string, amount: bigint, status: TransferStatus, extra: Partial<NewTransfer> = {}) => {
    assertDistinctWallets(debitId, creditId);
    assertPostable(amount);
    const debit = wallet(debitId, op.accountId);
    const credit = wallet(creditId, op.accountId);
    const allowOverdraft = extra.allowOverdraft ?? false;
    assertCanDebit(debit, amount, allowOverdraft);
    const leg = status === 'pending' ? pendingLeg : postedLeg;
    totals.set(debitId, leg(debit.totals, 'debit', amount));
    totals.set(creditId, leg(credit.totals, 'credit', amount));
    transfers.push(newTransfer(state, op, { debitWalletId: debitId, creditWalletId: creditId, amount, status, allowOverdraft, ...extra }));
  };

  for (const op of req.ops) {
    const account = state.accounts.get(op.accountId);
    if (!account) throw new NotFoundError('Ledger account');
    if (!account.active) throw new BusinessRuleError('The ledger account is not active');
    const timeout = 'timeoutAt' in op && op.timeoutAt ? { timeoutAt: op.timeoutAt } : {};

    switch (op.type) {
      case 'transfer':
        post(op, op.fromWalletId, op.toWalletId, op.amount, op.pending ? 'pending' : 'posted', {
          allowOverdraft: op.allowOverdraft ?? false,
          ...timeout,
        });
        break;
      case 'mint':
        assertWithinSupply(current(account.system.issuance), op.amount, account.maxSupply);
        // A pending mint is points earned but not spendable yet (a sale inside its return window).
        post(op, account.system.issuance, op.walletId, op.amount, op.pending ? 'pending' : 'posted');
        break;
      case 'burn':
        post(op, op.walletId, account.system.redemption, op.amount, op.pending ? 'pending' : 'posted', {
          allowOverdraft: op.allowOverdraft ?? false,
          ...timeout,
        });
        break;
      case 'capture':
      case 'void':
      case 'expire': {
        const pending = state.referenced.get(op.pendingTransferId);
        if (!pending || pending.accountId !== op.accountId) throw new NotFoundError('Pending transfer');
        if (pending.status !== 'pending') throw new BusinessRuleError('Only a pending transfer can be captured, voided or expired');
        if (pending.resolved || resolvedHere.has(pending.id)) {
          throw new ConflictError('This pending transfer was already captured, voided or expired');
        }
        if (op.type === 'capture' && pending.timeoutAt && new Date(pending.timeoutAt) <= state.now) {
          throw new BusinessRuleError('This hold has expired; it can only be voided or expired');
        }
        resolvedHere.add(pending.id);
        const captured = op.type === 'capture' ? captureAmount(pending.amount, op.amount) : 0n;
        const debit = wallet(pending.debitWalletId, op.accountId);
        const credit = wallet(pending.creditWalletId, op.accountId);
        totals.set(debit.id, resolvePendingLeg(debit.totals, 'debit', pending.amount, captured));
        totals.set(credit.id, resolvePendingLeg(credit.totals, 'credit', pending.amount, captured));
        // The resolution row records what was posted (a capture) or released (void/expire).
        const status: TransferStatus = op.type === 'capture' ? 'posted_from_pending' : op.type === 'void' ? 'voided' : 'expired';
        transfers.push(
          newTransfer(state, op, {
            debitWalletId: debit.id,
            creditWalletId: credit.id,
            amount: op.type === 'capture' ? captured : pending.amount,
            status,
            pendingId: pending.id,
          }),
        );
        break;
      }
      case 'revert': {
        const original = state.referenced.get(op.transferId);
        if (!original || original.accountId !== op.accountId) throw new NotFoundError('Ledger transaction');
        if (original.status !== 'posted' && original.status !== 'posted_from_pending') {
          throw new BusinessRuleError('Only a posted transaction can be reverted');
        }
        if (original.reversalOf) throw new BusinessRuleError('A reversal cannot itself be reverted');
        if (original.reversed || revertedHere.has(original.id)) throw new ConflictError('This transaction was already reverted');
        revertedHere.add(original.id);
        const amount = reversalAmount(original.amount, op.amount);
        post(op, original.creditWalletId, original.debitWalletId, amount, 'posted', { reversalOf: original.id });
        break;
      }
    }
  }
  return { transfers, wallets: totals };
}

function newTransfer(state: PlanState, op: LedgerOp, t: Partial<NewTransfer> & Pick<NewTransfer, 'debitWalletId' | 'creditWalletId' | 'amount' | 'status'>): NewTransfer {
  return {
    id: state.newId(),
    accountId: op.accountId,
    code: op.code ?? op.type,
    description: op.description ?? null,
    tags: op.tags ?? [],
    metadata: op.metadata ?? {},
    externalId: op.externalId ?? null,
    externalEventDate: op.externalEventDate ?? null,
    pendingId: null,
    timeoutAt: null,
    reversalOf: null,
    allowOverdraft: false,
    ...t,
  };
}

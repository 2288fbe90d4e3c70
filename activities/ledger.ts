import { log } from '@temporalio/activity';
import type { LedgerOp } from '../domain/ledger/operations';
import type { LedgerPort } from '../domain/ports';
import { opFromWire, resultToWire, type WireResult } from '../domain/ledger/wire';
import type { ExpireLedgerHoldInput, LedgerRequestInput } from '../workflows/contracts/ledger';
import { BusinessRuleError, ConflictError } from '../domain/errors';
import { withFailureMapping } from './failures';

export function createLedgerActivities({ ledger }: { ledger: Pick<LedgerPort, 'apply'> }) {
  return {
    applyLedgerRequest: withFailureMapping(async (input: LedgerRequestInput): Promise<WireResult> => {
      const ops: LedgerOp[] = input.ops.map(opFromWire);
      const { announce, ...request } = input;
      const result = await ledger.apply({ ...request, ops }, { expireHolds: true, ...(announce ? { announce } : {}) });
      log.info('ledger request applied', {
        schemeId: input.schemeId,
        systemUniqueKey: input.systemUniqueKey,
        transfers: result.transfers.length,
        replayed: result.replayed,
      });
      return resultToWire(result);
    }),

    /**
     * Expires a ledger-API hold at its timeoutAt; one captured, voided or
     * expired before is left as it is, and a refusal (the account was made
     * inactive) is the answer, not a failure. The key has a `!`, which client
     * keys cannot: no client request can take it first.
     */
    expireLedgerHold: withFailureMapping(async (input: ExpireLedgerHoldInput): Promise<{ expired: boolean; reason?: string }> => {
      try {
        await ledger.apply({
          schemeId: input.schemeId,
          systemUniqueKey: `hold-expiry!${input.transferId}`,
          requestHash: 'expire',
          ops: [{ type: 'expire', accountId: input.accountId, pendingTransferId: input.transferId, code: 'hold_expired' }],
        });
        return { expired: true };
      } catch (err) {
        if (err instanceof ConflictError) return { expired: false };
        if (err instanceof BusinessRuleError) return { expired: false, reason: err.message };
        throw err;
      }
    }),
  };
}

export type LedgerActivities = ReturnType<typeof createLedgerActivities>;

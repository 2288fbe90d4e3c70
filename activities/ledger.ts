import { log } from '@temporalio/activity';
import type { LedgerOp } from '../domain/ledger/operations';
import type { LedgerPort } from '../domain/ports';
import { opFromWire, resultToWire, type WireResult } from '../domain/ledger/wire';
import type { LedgerRequestInput } from '../workflows/contracts/ledger';
import { withFailureMapping } from './failures';

export function createLedgerActivities({ ledger }: { ledger: Pick<LedgerPort, 'apply'> }) {
  return {
    applyLedgerRequest: withFailureMapping(async (input: LedgerRequestInput): Promise<WireResult> => {
      const ops: LedgerOp[] = input.ops.map(opFromWire);
      const result = await ledger.apply({ ...input, ops });
      log.info('ledger request applied', {
        schemeId: input.schemeId,
        systemUniqueKey: input.systemUniqueKey,
        transfers: result.transfers.length,
        replayed: result.replayed,
      });
      return resultToWire(result);
    }),
  };
}

export type LedgerActivities = ReturnType<typeof createLedgerActivities>;

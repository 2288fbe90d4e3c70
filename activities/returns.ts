import { log } from '@temporalio/activity';
import { processReturn } from '../domain/returns/process-return';
import type { ReturnRequest, ReturnStore } from '../domain/returns/ports';
import type { ReturnResult } from '../domain/returns/result';
import { withFailureMapping } from './failures';

export function createReturnActivities({ returnStore }: { returnStore: ReturnStore }) {
  return {
    /** All legs of one return in one transaction, keyed by the return's uniqueId: a retry reads the first result. */
    postReturn: withFailureMapping(async (req: ReturnRequest): Promise<ReturnResult> => {
      const result = await processReturn(returnStore, req, 'commit');
      log.info('return posted', { schemeId: req.schemeId, uniqueId: req.uniqueId, kind: req.kind, deducted: result.pointsDeducted, readded: result.pointsReadded });
      return result;
    }),
  };
}

export type ReturnActivities = ReturnType<typeof createReturnActivities>;

import { log } from '@temporalio/activity';
import type { ReturnRequest, ReturnsRepository } from '../domain/returns/ports';
import type { ReturnResult } from '../domain/returns/result';
import { withFailureMapping } from './failures';

export function createReturnActivities({ returns }: { returns: ReturnsRepository }) {
  return {
    /** All legs of one return in one transaction, keyed by the return's uniqueId: a retry reads the first result. */
    postReturn: withFailureMapping(async (req: ReturnRequest): Promise<ReturnResult> => {
      const result = await returns.process(req, 'commit');
      log.info('return posted', { schemeId: req.schemeId, uniqueId: req.uniqueId, kind: req.kind, deducted: result.pointsDeducted, readded: result.pointsReadded });
      return result;
    }),
  };
}

export type ReturnActivities = ReturnType<typeof createReturnActivities>;

import { BusinessRuleError, ConflictError, IdempotencyKeyReusedError, NotFoundError, ValidationError, type ErrorDetail, type HubError } from '../../domain/errors';
import type { LedgerRequest, LedgerResult } from '../../domain/ledger/operations';
import { InsufficientPointsError } from '../../domain/ledger/rules';
import { toTransfer, type TransferRow } from './rows';

/** The request as ledger_apply (db/ledger/sql/apply.sql.ts) reads it: amounts as decimal strings, never JSON numbers. */
export function sqlRequest(req: LedgerRequest): string {
  return JSON.stringify({ schemeId: req.schemeId, key: req.systemUniqueKey, hash: req.requestHash, ops: req.ops }, (_, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
}

interface Refusal {
  code: string;
  message: string;
  details: ErrorDetail[];
}

export type SqlAnswer = { replayed: boolean; transfers: TransferRow[] } | { error: Refusal };

/** ledger_apply's refusals (SQLSTATE LH4xx) back into the typed errors the planner throws, message for message. */
function refusal({ code, message, details }: Refusal): HubError {
  switch (code) {
    case 'LH400':
      return new ValidationError(message, details);
    case 'LH402': {
      const [d] = details as Array<ErrorDetail & { available: string; requested: string }>;
      return new InsufficientPointsError(BigInt(d?.available ?? 0), BigInt(d?.requested ?? 0));
    }
    case 'LH404':
      return new NotFoundError(message);
    case 'LH409':
      return new ConflictError(message, details);
    case 'LH412':
      return new IdempotencyKeyReusedError();
    default:
      return new BusinessRuleError(message, details);
  }
}

export function fromSqlAnswer(answer: SqlAnswer): LedgerResult {
  if ('error' in answer) throw refusal(answer.error);
  return { replayed: answer.replayed, transfers: answer.transfers.map(toTransfer) };
}

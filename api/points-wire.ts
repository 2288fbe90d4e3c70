import type { Mission } from '../domain/missions/types';
import type { ReferralProgram } from '../domain/referrals/types';
import type { ReturnResult } from '../domain/returns/result';
import type { SaleResult } from '../domain/transactions/sale-result';
import type { Dialect } from './dialects';

/**
 * Points leave /v1 as decimal strings, as the ledger, balances, holds and the
 * points history already do: they are bigint in the database, and one type for
 * every amount of points means a client never has to guess. The domain and the
 * workflow results keep their numbers (recorded workflow histories replay
 * them); the conversion happens here, at the edge, and only for the hub's paths.
 */
function stringify<T extends object, K extends keyof T & string>(value: T, fields: readonly K[], dialect: Dialect = 'hub'): T | PointsAsStrings<T, K> {
  // The seeds' dialects (Loyale, Loyalty+) read points as JSON numbers.
  if (dialect !== 'hub') return value;
  const out = { ...value } as Record<string, unknown>;
  for (const f of fields) {
    const v = out[f];
    if (typeof v === 'number' || typeof v === 'bigint') out[f] = String(v);
  }
  return out as PointsAsStrings<T, K>;
}

/** `T` with its points fields as the strings /v1 answers. */
export type PointsAsStrings<T, K extends keyof T> = Omit<T, K> & { [P in K]: undefined extends T[P] ? string | undefined : string };

const saleFields = ['pointsEarned', 'pointsRedeemed', 'pointsBefore', 'pointsAfter', 'pointsPending'] as const;
const returnFields = ['pointsDeducted', 'pointsReadded', 'pendingPointsVoided', 'shortfall', 'pointsBefore', 'pointsAfter', 'pendingPointsAfter'] as const;

export const saleResultOut = (r: SaleResult, dialect?: Dialect) => stringify(r, saleFields, dialect);
export const returnResultOut = (r: ReturnResult, dialect?: Dialect) => stringify(r, returnFields, dialect);
export const missionOut = (m: Mission) => stringify(m, ['pointsAccrual']);
export const referralProgramOut = (p: ReferralProgram) => stringify(p, ['referrerPointsAccrual', 'referredPointsAccrual']);

/** A stored sale's own answer (its `result`) in the hub's types, like the sale's answer was. */
export const storedSaleOut = <S extends { result: Record<string, unknown> }>(sale: S) => ({ ...sale, result: stringify(sale.result, saleFields as readonly string[]) });

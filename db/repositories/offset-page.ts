import type { OffsetPage } from '../../domain/ledger/views';
import type { Query } from '../ledger/ledger-engine';

/** The seed's `{ totalCount, page, limit, results }` page of an ordered query. */
export async function offsetPage<R, T>(q: Query, sql: string, params: unknown[], page: { page: number; limit: number }, map: (r: R) => T): Promise<OffsetPage<T>> {
  const [count] = await q<{ n: string }>(`select count(*) as n from (${sql}) x`, params);
  const rows = await q<R>(`${sql} limit ? offset ?`, [...params, page.limit, page.page * page.limit]);
  return { totalCount: Number(count?.n ?? 0), page: page.page, limit: page.limit, results: rows.map(map) };
}

import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from '../../domain/errors';
import { decodeKeyset, encodeKeyset, type Page, type PageRequest } from '../../domain/pagination';
import { queryIn, type Query } from '../ledger/ledger-engine';

/** A sort column and the type its cursor text is read back as. */
export interface KeyColumn {
  sql: string;
  type: 'timestamptz' | 'uuid' | 'int';
}

/** What a cursor's text must look like for its column: anything else is a client's mistake (400), never a failed cast (500). */
const shape: Record<KeyColumn['type'], RegExp> = {
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  int: /^-?\d{1,10}$/,
};

export const invalidCursor = () => new ValidationError('Invalid cursor', [{ path: 'query.cursor', message: 'is not a cursor this API issued: start again without it' }]);

/** The positions a cursor names, checked against the key's columns. */
export function cursorValues(cursor: string | undefined, key: readonly KeyColumn[]): string[] | null {
  if (cursor === undefined) return null;
  const values = decodeKeyset(cursor, key.length);
  if (!values || !values.every((v, i) => shape[key[i]!.type].test(v))) throw invalidCursor();
  return values;
}

export interface KeysetQuery {
  /** The select list (`*`, `p.*, count(*) as n`). */
  select: string;
  /** The from clause, joins included. */
  from: string;
  where: string[];
  params: unknown[];
  groupBy?: string;
  /** The sort key, last column unique (the row's id), all one direction; an index should lead with the filter columns then these. */
  key: readonly KeyColumn[];
  order: 'asc' | 'desc';
}

/**
 * Keyset pagination in SQL: the cursor carries the last row's sort key as
 * PostgreSQL's own text (microseconds kept), and the next page starts after
 * it with one row-value comparison, so a page costs the same at any depth and
 * stays stable while rows are added.
 */
export async function keysetPage<R, T>(q: Query, s: KeysetQuery, page: PageRequest, map: (row: R) => T): Promise<Page<T>> {
  const where = [...s.where];
  const params = [...s.params];
  const after = cursorValues(page.cursor, s.key);
  if (after) {
    where.push(`(${s.key.map((k) => k.sql).join(', ')}) ${s.order === 'asc' ? '>' : '<'} (${s.key.map((k) => `?::${k.type}`).join(', ')})`);
    params.push(...after);
  }
  const keyColumns = s.key.map((k, i) => `${k.sql}::text as keyset_${i}`).join(', ');
  const rows = await q<R & Record<string, string>>(
    `select ${s.select}, ${keyColumns} from ${s.from} where ${where.join(' and ')}${s.groupBy ? ` group by ${s.groupBy}` : ''}
      order by ${s.key.map((k) => `${k.sql} ${s.order}`).join(', ')} limit ?`,
    [...params, page.limit + 1],
  );
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    data: shown.map(map),
    nextCursor: rows.length > page.limit && last ? encodeKeyset(s.key.map((_, i) => last[`keyset_${i}`] as string)) : null,
  };
}

/** The usual key: newest or oldest first by creation, the id breaking ties. */
export const byCreation = (alias = ''): KeyColumn[] => [
  { sql: `${alias}created_at`, type: 'timestamptz' },
  { sql: `${alias}id`, type: 'uuid' },
];

/**
 * A keyset page of ORM entities: the page's ids by the SQL above (exact
 * cursor), then the entities by primary key, in the page's order.
 */
export async function entityPage<E extends { id: string }>(em: EntityManager, entity: EntityName<E>, s: Omit<KeysetQuery, 'select'>, page: PageRequest): Promise<Page<E>> {
  const ids = await keysetPage(queryIn(em), { ...s, select: 'id' }, page, (r: { id: string }) => r.id);
  const found = ids.data.length === 0 ? [] : await em.find(entity, { id: { $in: ids.data } } as unknown as FilterQuery<E>);
  const byId = new Map(found.map((e) => [e.id, e]));
  return { data: ids.data.flatMap((id) => byId.get(id) ?? []), nextCursor: ids.nextCursor };
}

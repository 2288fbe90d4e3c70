/** Keyset pagination: a cursor names the last row seen, so pages stay stable under inserts. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface CursorPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(`${pos.createdAt}|${pos.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [createdAt, id, ...rest] = text.split('|');
  if (!createdAt || !id || rest.length > 0 || Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, id };
}

/**
 * A cursor for an order that is not (created_at, id): the sort key's values,
 * last one the row's id (e.g. a tier's order, or a referrer's id alone).
 */
export function encodeKeyset(values: readonly string[]): string {
  return Buffer.from(values.join('|'), 'utf8').toString('base64url');
}

/** The `n` values of a keyset cursor, or null when it is not one this API issued. */
export function decodeKeyset(cursor: string, n: number): string[] | null {
  const values = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return values.length === n && values.every((v) => v.length > 0) ? values : null;
}

/**
 * A page of a list in memory, oldest first by (createdAt, id): for the few
 * per-scheme lists filtered in code (missions), paged the same way as the SQL
 * ones so a client cannot tell them apart. Sorted here by the very key the
 * cursor compares (milliseconds, then id): the database's microsecond order
 * would put two rows of one millisecond in an order the cursor disagrees with,
 * and one of them would never be shown.
 */
export function pageOfSorted<T>(unsorted: readonly T[], page: PageRequest, position: (item: T) => CursorPosition): Page<T> | null {
  const key = (p: CursorPosition) => [Date.parse(p.createdAt), p.id] as const;
  const items = [...unsorted].sort((a, b) => {
    const [ta, ia] = key(position(a));
    const [tb, ib] = key(position(b));
    return ta !== tb ? ta - tb : ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  let from = 0;
  if (page.cursor !== undefined) {
    const after = decodeCursor(page.cursor);
    if (!after) return null;
    const [t, id] = key(after);
    from = items.findIndex((item) => {
      const [it, iid] = key(position(item));
      return it > t || (it === t && iid > id);
    });
    if (from < 0) from = items.length;
  }
  const data = items.slice(from, from + page.limit);
  const last = data[data.length - 1];
  return { data, nextCursor: from + page.limit < items.length && last ? encodeCursor(position(last)) : null };
}

import { decodeCursor, decodeKeyset, encodeCursor, encodeKeyset, pageOfSorted } from './pagination';

describe('cursors', () => {
  it('round-trip a position', () => {
    const pos = { createdAt: '2026-11-22T04:00:00.123Z', id: '6f9c1c1e-1d2b-4c1e-9d8e-0a1b2c3d4e5f' };
    expect(decodeCursor(encodeCursor(pos))).toEqual(pos);
  });

  it.each(['', 'garbage', Buffer.from('not-a-date|x').toString('base64url'), Buffer.from('2026-01-01|a|b').toString('base64url')])(
    'reject %j',
    (cursor) => {
      expect(decodeCursor(cursor)).toBeNull();
    },
  );
});

describe('keyset cursors', () => {
  it('round-trip a sort key and refuse another length or an empty value', () => {
    expect(decodeKeyset(encodeKeyset(['3', '6f9c1c1e-1d2b-4c1e-9d8e-0a1b2c3d4e5f']), 2)).toEqual(['3', '6f9c1c1e-1d2b-4c1e-9d8e-0a1b2c3d4e5f']);
    expect(decodeKeyset(encodeKeyset(['a', 'b', 'c']), 2)).toBeNull();
    expect(decodeKeyset(encodeKeyset(['', 'b']), 2)).toBeNull();
  });
});

describe('pages of a sorted list', () => {
  const items = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'].map((createdAt, i) => ({ createdAt, id: `id-${i}` }));

  it('walks the list page by page, the last page with no cursor', () => {
    const first = pageOfSorted(items, { limit: 2 }, (x) => x);
    expect(first?.data.map((x) => x.id)).toEqual(['id-0', 'id-1']);
    const second = pageOfSorted(items, { limit: 2, cursor: first?.nextCursor ?? undefined }, (x) => x);
    expect(second).toEqual({ data: [items[2]], nextCursor: null });
  });

  it('continues after the cursor even when its item is gone', () => {
    const cursor = pageOfSorted(items, { limit: 1 }, (x) => x)?.nextCursor ?? undefined;
    expect(pageOfSorted(items.slice(1), { limit: 5, cursor }, (x) => x)?.data.map((x) => x.id)).toEqual(['id-1', 'id-2']);
  });

  it('refuses a cursor it did not issue', () => {
    expect(pageOfSorted(items, { limit: 2, cursor: 'garbage' }, (x) => x)).toBeNull();
  });

  it('shows every item once when two share a millisecond in the opposite order of their ids', () => {
    // As SQL hands them over (microsecond order): the later one has the smaller id.
    const items = [
      { createdAt: '2026-12-03T10:00:00.123Z', id: 'f0000000-0000-4000-8000-000000000000' },
      { createdAt: '2026-12-03T10:00:00.123Z', id: '00000000-0000-4000-8000-000000000000' },
    ];
    const first = pageOfSorted(items, { limit: 1 }, (x) => x);
    const second = pageOfSorted(items, { limit: 1, cursor: first?.nextCursor ?? undefined }, (x) => x);
    expect([...(first?.data ?? []), ...(second?.data ?? [])].map((x) => x.id).sort()).toEqual(items.map((x) => x.id).sort());
    expect(second?.nextCursor).toBeNull();
  });
});

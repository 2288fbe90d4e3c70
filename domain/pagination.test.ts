import { decodeCursor, encodeCursor } from './pagination';

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

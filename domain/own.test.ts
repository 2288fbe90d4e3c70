import { own } from './own';

it("finds a record's own entries and never Object.prototype's", () => {
  const record: Record<string, number> = { a: 1 };
  expect(own(record, 'a')).toBe(1);
  for (const key of ['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'b']) expect(own(record, key)).toBeUndefined();
});

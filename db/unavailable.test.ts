import { databaseUnavailable } from './unavailable';

describe('databaseUnavailable', () => {
  it.each([
    ['a statement timeout', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
    ['a lock timeout', Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' })],
    ['a connection exception', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a server starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a pool acquire timeout', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['a client-side query timeout', new Error('Query read timeout')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a wrapped cause', Object.assign(new Error('outer'), { cause: Object.assign(new Error('inner'), { code: '57014' }) })],
  ])('is true for %s', (_name, err) => {
    expect(databaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a check violation', Object.assign(new Error('violates check constraint'), { code: '23514' })],
    ['invalid text (a NUL byte)', Object.assign(new Error('invalid byte sequence'), { code: '22021' })],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'boom'],
    ['nothing', null],
  ])('is false for %s', (_name, err) => {
    expect(databaseUnavailable(err)).toBe(false);
  });
});

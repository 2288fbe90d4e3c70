import { classifyDatabaseError } from './failures';
import { ConflictError, ValidationError } from '../domain/errors';

const pg = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`insert into "customers" ("email", "phone") values ('ann@example.com', '+31612345678') - boom`), { code, severity: 'ERROR', detail: 'Key (email)=(ann@example.com) already exists.', ...extra });

describe('classifyDatabaseError', () => {
  it.each([
    ['23505', 'conflict'],
    ['23P01', 'conflict'],
    ['23503', 'not_found'],
    ['23502', 'validation_failed'],
    ['23514', 'validation_failed'],
    ['22001', 'validation_failed'],
    ['22003', 'validation_failed'],
    ['22P02', 'validation_failed'],
    ['22021', 'validation_failed'],
  ])('refuses SQLSTATE %s as %s', (code, type) => {
    const c = classifyDatabaseError(pg(code, { table: 'customers', constraint: 'customers_email_unique' }));
    expect(c).toMatchObject({ kind: 'refused', error: { type } });
  });

  it('retries connectivity, timeouts, deadlocks and serialization failures', () => {
    for (const code of ['57014', '55P03', '40P01', '40001', '53300', '08006', '57P01']) expect(classifyDatabaseError(pg(code))?.kind).toBe('unavailable');
    expect(classifyDatabaseError(Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' }))?.kind).toBe('unavailable');
  });

  it('calls any other database error internal, and leaves typed and non-database errors alone', () => {
    expect(classifyDatabaseError(pg('42P01', { table: 'missing' }))?.kind).toBe('internal');
    expect(classifyDatabaseError(new ConflictError('x'))).toBeNull();
    expect(classifyDatabaseError(new TypeError('x'))).toBeNull();
    expect(classifyDatabaseError(null)).toBeNull();
  });

  it('summarises by names only: never the SQL, the parameters or the detail', () => {
    for (const code of ['23505', '23503', '22001', '57014', '42P01']) {
      const c = classifyDatabaseError(pg(code, { table: 'customers', column: 'email', constraint: 'customers_email_unique' }))!;
      const text = JSON.stringify({ s: c.summary, e: c.kind === 'refused' ? { m: c.error.message, d: c.error.details } : null });
      expect(text).not.toMatch(/ann@example|3161234|insert into|Key \(/);
      expect(c.summary).toContain(code);
    }
  });

  it('finds the PostgreSQL error inside a wrapper', () => {
    const wrapped = new Error('wrapped', { cause: pg('23505') });
    expect(classifyDatabaseError(wrapped)).toMatchObject({ kind: 'refused' });
    expect((classifyDatabaseError(pg('22001')) as { error: ValidationError }).error).toBeInstanceOf(ValidationError);
    expect((classifyDatabaseError(pg('23505')) as { error: ConflictError }).error).toBeInstanceOf(ConflictError);
  });
});

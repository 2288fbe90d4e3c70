import { ApplicationFailure } from '@temporalio/common';
import { ConflictError, DependencyUnavailableError, ValidationError } from '../domain/errors';
import { toActivityFailure, withFailureMapping } from './failures';

describe('toActivityFailure', () => {
  it('turns business errors into non-retryable failures that keep type and details', () => {
    const failure = toActivityFailure(new ConflictError('dup', [{ path: 'email', message: 'taken' }])) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'conflict', message: 'dup', nonRetryable: true, details: [[{ path: 'email', message: 'taken' }]] });
    expect((toActivityFailure(new ValidationError('bad')) as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('keeps dependency outages retryable', () => {
    expect((toActivityFailure(new DependencyUnavailableError('db down')) as ApplicationFailure).nonRetryable).toBe(false);
  });

  it('refuses what the database will always refuse, without SQL or values in the message', () => {
    const pg = Object.assign(new Error('insert into "customers" ("email") values (\'ann@example.com\') - duplicate key value violates unique constraint "customers_email_unique"'), {
      name: 'UniqueConstraintViolationException', code: '23505', severity: 'ERROR', table: 'customers', constraint: 'customers_email_unique', detail: 'Key (email)=(ann@example.com) already exists.',
    });
    const failure = toActivityFailure(pg) as ApplicationFailure;
    expect(failure).toMatchObject({ type: 'conflict', nonRetryable: true });
    expect(JSON.stringify({ m: failure.message, d: failure.details })).not.toMatch(/ann@example\.com|insert into/);
    const range = toActivityFailure(Object.assign(new Error('new row for relation "transfers" violates check constraint "transfers_amount_check"'), { code: '23514', severity: 'ERROR', constraint: 'transfers_amount_check' })) as ApplicationFailure;
    expect(range).toMatchObject({ type: 'validation_failed', nonRetryable: true });
  });

  it('retries a database outage under a message that quotes no SQL', () => {
    const err = Object.assign(new Error('update "customers" set "phone" = \'+3161234\' - Connection terminated unexpectedly'), { name: 'ConnectionException', code: '08006', severity: 'FATAL' });
    const failure = toActivityFailure(err) as ApplicationFailure;
    expect(failure).toMatchObject({ type: 'dependency_unavailable', nonRetryable: false });
    expect(failure.message).not.toMatch(/3161234|update/);
  });

  it('passes unknown errors through untouched so Temporal retries them', () => {
    const err = new TypeError('x is undefined');
    expect(toActivityFailure(err)).toBe(err);
  });

  it('wraps an activity', async () => {
    const activity = withFailureMapping(async () => {
      throw new ConflictError('dup');
    });
    await expect(activity()).rejects.toMatchObject({ type: 'conflict', nonRetryable: true });
  });
});

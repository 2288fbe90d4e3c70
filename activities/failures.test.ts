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

  it('passes unknown errors through untouched so Temporal retries them', () => {
    const err = new Error('ECONNRESET');
    expect(toActivityFailure(err)).toBe(err);
  });

  it('wraps an activity', async () => {
    const activity = withFailureMapping(async () => {
      throw new ConflictError('dup');
    });
    await expect(activity()).rejects.toMatchObject({ type: 'conflict', nonRetryable: true });
  });
});

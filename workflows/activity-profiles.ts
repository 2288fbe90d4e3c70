import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';
import { nonRetryableErrorTypes } from '../domain/errors';

/**
 * Named activity-option profiles. Every activity call picks one, so timeouts
 * and retries are decided once per kind of I/O rather than per call site.
 */
export const activityProfiles = {
  /**
   * One short database transaction. A healthy call takes milliseconds; 5 s
   * means a lost worker or a stuck connection, and every DB activity is
   * idempotent, so retrying on another worker is safe. Retries continue for
   * up to 10 minutes to ride out a database restart.
   */
  database: {
    startToCloseTimeout: '5s',
    scheduleToCloseTimeout: '10m',
    retry: {
      initialInterval: '200ms',
      backoffCoefficient: 2,
      maximumInterval: '15s',
      nonRetryableErrorTypes,
    },
  },
} satisfies Record<string, ActivityOptions>;

/**
 * A call to a partner platform: slow and sometimes down. Each attempt may take
 * 30 s; retries back off exponentially (1 s … 10 min, or the partner's
 * Retry-After) until the connection's horizon, after which the sync is FAILED.
 * A partner's 4xx (`partner_rejected`) is not retried.
 */
export function partnerCallProfile(horizonSeconds: number): ActivityOptions {
  return {
    startToCloseTimeout: '30s',
    scheduleToCloseTimeout: `${horizonSeconds}s`,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: [...nonRetryableErrorTypes, 'partner_rejected'] },
  };
}

/**
 * The one durable step of an operation a till waits for (a sale, a hold step,
 * a return, a registration): one PostgreSQL transaction, run as a local
 * activity inside the workflow task, so the answer costs one workflow start
 * and one workflow task. The database bounds the transaction well inside
 * 10 s (config/capacity.ts), so an attempt is cancelled there before it is
 * retried; a retry also queues on the operation's advisory lock rather than
 * redoing work beside a slow first attempt. Backoff past a few seconds
 * becomes a workflow timer (the SDK's local retry threshold), so a long
 * database outage does not hold a workflow task open.
 */
export const localProfiles = {
  posting: {
    startToCloseTimeout: '10s',
    scheduleToCloseTimeout: '10m',
    localRetryThreshold: '5s',
    retry: {
      initialInterval: '200ms',
      backoffCoefficient: 2,
      maximumInterval: '15s',
      nonRetryableErrorTypes,
    },
  },
} satisfies Record<string, LocalActivityOptions>;

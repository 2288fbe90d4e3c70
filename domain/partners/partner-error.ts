/**
 * Every failure talking to a partner becomes one of these. Retryable: 5xx,
 * 429 (with the partner's Retry-After), timeouts and connection errors. Not
 * retryable: the other 4xx (validation, auth), with the partner's own message.
 * Messages never carry credentials: only method, path, status and the
 * partner's error text.
 */
export class PartnerError extends Error {
  constructor(
    readonly partner: string,
    message: string,
    readonly retryable: boolean,
    readonly status: number | null,
    /** From Retry-After (seconds or an HTTP date), when the partner sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'PartnerError';
  }
}

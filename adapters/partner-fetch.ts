import { transportFailure } from './partner-error';

/**
 * The fetch every partner client uses: a timeout on each request, and a
 * transport failure (no response at all) turned into a retryable PartnerError.
 * Credentials travel in headers only and never reach an error message.
 */
export function partnerFetch(partner: string, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    try {
      return await fetch(request, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw transportFailure(partner, request.method, path, err);
    }
  };
}

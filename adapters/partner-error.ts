import { PartnerError } from '../domain/partners/partner-error';

export { PartnerError };

export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The partner's error text from a JSON or text body, shortened. */
export function partnerMessage(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const text = b.error ?? b.message ?? b.detail ?? b.title;
    if (typeof text === 'string') return text.slice(0, 300);
    if (text && typeof text === 'object' && typeof (text as Record<string, unknown>).message === 'string') return String((text as Record<string, unknown>).message).slice(0, 300);
    return JSON.stringify(body).slice(0, 300);
  }
  return '';
}

/** A non-2xx response, classified. */
export function httpFailure(partner: string, method: string, path: string, response: Response, body: unknown): PartnerError {
  const text = partnerMessage(body);
  const message = `${partner} ${method} ${path} → ${response.status}${text ? `: ${text}` : ''}`;
  const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
  return new PartnerError(partner, message, retryable, response.status, retryable ? retryAfterMs(response.headers.get('retry-after')) : null);
}

/** A request that never got a response (refused, reset, DNS, timeout): always retryable. */
export function transportFailure(partner: string, method: string, path: string, err: unknown): PartnerError {
  const cause = err as { name?: string; message?: string; cause?: { code?: string } };
  const why = cause?.name === 'TimeoutError' || cause?.name === 'AbortError' ? 'timed out' : cause?.cause?.code ?? cause?.message ?? 'failed';
  return new PartnerError(partner, `${partner} ${method} ${path} ${why}`, true, null);
}

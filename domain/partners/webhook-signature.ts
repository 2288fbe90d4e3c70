import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors';

/** `X-Hub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (Stripe's scheme). */
export const SIGNATURE_HEADER = 'x-hub-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const mac = (secret: string, timestamp: number, rawBody: Buffer | string) => createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');

export function signWebhook(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, rawBody)}`;
}

/** Signed with each secret (a rotation's overlap: the new one first, then the one being retired), one `v1` each — a receiver accepts any it knows. */
export function signWebhookWithEach(secrets: string[], timestamp: number, rawBody: Buffer | string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${mac(s, timestamp, rawBody)}`)].join(',');
}

/**
 * Authentic and fresh, or 401: the MAC covers the timestamp, so an old
 * request cannot be re-dated, and one outside the tolerance is refused even
 * if its MAC is right (a replay inside it is caught by the event id).
 */
export function verifyWebhookSignature(input: { secret: string; header: string | undefined; rawBody: Buffer; nowSeconds: number; toleranceSeconds?: number }): void {
  const parts = (input.header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  // Several v1 entries are a sender's secret rotation: any one made with our secret will do.
  const candidates = parts.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')).map(([, v]) => Buffer.from(v as string, 'hex'));
  if (!input.header || !Number.isSafeInteger(t) || candidates.length === 0) throw new UnauthorizedError('Missing or malformed webhook signature');
  if (Math.abs(input.nowSeconds - t) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) throw new UnauthorizedError('Webhook timestamp outside the tolerance');
  const expected = Buffer.from(mac(input.secret, t, input.rawBody), 'hex');
  if (!candidates.some((c) => timingSafeEqual(expected, c))) throw new UnauthorizedError('Invalid webhook signature');
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors';

/** `X-Hub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (Stripe's scheme). */
export const SIGNATURE_HEADER = 'x-hub-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestamp: number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * Authentic and fresh, or 401: the MAC covers the timestamp, so an old
 * request cannot be re-dated, and one outside the tolerance is refused even
 * if its MAC is right (a replay inside it is caught by the event id).
 */
export function verifyWebhookSignature(input: { secret: string; header: string | undefined; rawBody: Buffer; nowSeconds: number; toleranceSeconds?: number }): void {
  const parts = Object.fromEntries((input.header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!input.header || !Number.isSafeInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) throw new UnauthorizedError('Missing or malformed webhook signature');
  if (Math.abs(input.nowSeconds - t) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) throw new UnauthorizedError('Webhook timestamp outside the tolerance');
  const expected = Buffer.from(signWebhook(input.secret, t, input.rawBody).split('v1=')[1] as string, 'hex');
  if (!timingSafeEqual(expected, Buffer.from(parts.v1 as string, 'hex'))) throw new UnauthorizedError('Invalid webhook signature');
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How long a codec sign-in lasts: a working shift. */
export const SESSION_SECONDS = 8 * 3600;
export const SESSION_COOKIE = 'hub_codec';

/**
 * A browser session for the codec endpoint, so the Temporal Web UI (which
 * cannot send the admin token) can decode payloads for an ops person who
 * signed in with it: `<expiry>.<HMAC(expiry)>`, keyed by the admin token —
 * the cookie never carries the token, and rotating the token ends every
 * session.
 */
export function codecSessions(adminToken: string, now: () => number = Date.now) {
  const key = createHash('sha256').update(`codec-session:${adminToken}`).digest();
  const mac = (expiry: string) => createHmac('sha256', key).update(expiry).digest('base64url');
  return {
    issue(): string {
      const expiry = String(Math.floor(now() / 1000) + SESSION_SECONDS);
      return `${expiry}.${mac(expiry)}`;
    },
    valid(token: string | undefined): boolean {
      const [expiry, given] = (token ?? '').split('.');
      if (!expiry || !given || !/^\d{1,12}$/.test(expiry) || Number(expiry) < now() / 1000) return false;
      const expected = Buffer.from(mac(expiry));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}

/** The value of one cookie in a Cookie header. */
export function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

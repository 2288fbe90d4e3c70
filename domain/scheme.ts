/** A scheme is a loyalty programme and the hub's tenant. */
export interface Scheme {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  createdAt: string;
}

export interface NewScheme {
  name: string;
  currency: string;
  timeZone: string;
}

/**
 * What a key may do: `pos` keys serve tills (every scheme-key route); an
 * `owner` key also manages the scheme's customers through Loyalty+'s owner API
 * (`Authorization: Bearer <key>`), where a till's key is refused.
 */
export const apiKeyRoles = ['pos', 'owner'] as const;
export type ApiKeyRole = (typeof apiKeyRoles)[number];

export interface ApiKeySummary {
  id: string;
  schemeId: string;
  name: string | null;
  prefix: string;
  role: ApiKeyRole;
  createdAt: string;
  revokedAt: string | null;
}

/** The one time a key is visible in clear is the response that creates it. */
export interface IssuedApiKey extends ApiKeySummary {
  key: string;
}

export function isIanaTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

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

export interface ApiKeySummary {
  id: string;
  schemeId: string;
  name: string | null;
  prefix: string;
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

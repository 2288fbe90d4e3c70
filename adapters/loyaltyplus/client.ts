import createClient from 'openapi-fetch';
import { PartnerError, httpFailure } from '../partner-error';
import { partnerFetch } from '../partner-fetch';
import type { components, paths } from './generated/schema';

const PARTNER = 'loyaltyplus';

type Schemas = components['schemas'];
export type CheckinRequest = Schemas['CheckinRequest'];
export type CustomerStatus = Schemas['CustomerStatus'];

/**
 * Errors name the path template, not the URL: the real path carries phone
 * numbers, which have no place in logs.
 */
function unwrap<T>(method: string, path: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (!r.response.ok) throw httpFailure(PARTNER, method, path, r.response, r.error);
  if (r.data === undefined) throw new PartnerError(PARTNER, `${PARTNER} ${method} ${path} → ${r.response.status}: empty body`, false, r.response.status);
  return r.data;
}

/** Lookups answer null for an unknown customer (404 is assumed: the seed gives no status codes). */
function unwrapOrNull<T>(method: string, path: string, r: { data?: T; error?: unknown; response: Response }): T | null {
  return r.response.status === 404 ? null : unwrap(method, path, r);
}

/**
 * Loyalty+ over HTTP. POS calls carry only X-API-Key and owner calls only the
 * Bearer JWT, so a connection holding both never hands one credential to the
 * other surface.
 */
export function createLoyaltyPlusClient(baseUrl: string, credentials: Record<string, string>, timeoutMs: number) {
  const api = createClient<paths>({ baseUrl, fetch: partnerFetch(PARTNER, timeoutMs) });

  const credential = (name: 'apiKey' | 'ownerToken'): string => {
    const value = credentials[name];
    if (!value) throw new PartnerError(PARTNER, `${PARTNER}: connection has no credentials.${name}`, false, null);
    return value;
  };
  const pos = () => ({ 'X-API-Key': credential('apiKey') });
  const owner = () => ({ Authorization: `Bearer ${credential('ownerToken')}` });

  return {
    async checkin(body: CheckinRequest) {
      const path = '/v1/pos/checkin';
      return unwrap('POST', path, await api.POST(path, { headers: pos(), body }));
    },

    async findCustomer(identifier: string) {
      const path = '/v1/pos/customer/{identifier}';
      return unwrapOrNull('GET', path, await api.GET(path, { headers: pos(), params: { path: { identifier } } }));
    },

    async balance(identifier: string) {
      const path = '/v1/pos/balance/{identifier}';
      return unwrapOrNull('GET', path, await api.GET(path, { headers: pos(), params: { path: { identifier } } }));
    },

    async createCustomer(body: { name: string; phone: string; notes?: string }) {
      const path = '/v1/owner/customers';
      return unwrap('POST', path, await api.POST(path, { headers: owner(), body }));
    },

    async updateCustomer(id: string, body: { name: string; phone: string; status: CustomerStatus }) {
      const path = '/v1/owner/customers/{id}';
      return unwrap('PUT', path, await api.PUT(path, { headers: owner(), params: { path: { id } }, body }));
    },

    async adjustPoints(id: string, body: { points: number; reason: string }) {
      const path = '/v1/owner/customers/{id}/points';
      return unwrap('POST', path, await api.POST(path, { headers: owner(), params: { path: { id } }, body }));
    },
  };
}

export type LoyaltyPlusClient = ReturnType<typeof createLoyaltyPlusClient>;

import createClient from 'openapi-fetch';
import type { AdapterConnection } from '../../domain/partners/ports';
import { httpFailure, PartnerError } from '../partner-error';
import { partnerFetch } from '../partner-fetch';
import type { components, paths } from './generated/schema';

export type LoyaleTransaction = components['schemas']['Transaction'];
export type LoyaleTransactionResult = components['schemas']['TransactionResult'];
export type LoyaleReturnResult = components['schemas']['ReturnResult'];
export type LoyaleLineItemReturn = components['schemas']['LineItemReturn'];
export type LoyaleUpdatedCustomer = components['schemas']['UpdatedCustomer'];

/** The Loyale calls the adapter makes; each answers the parsed body (undefined when Loyale sends none). */
export interface LoyaleClient {
  createTransaction(body: LoyaleTransaction): Promise<LoyaleTransactionResult | undefined>;
  returnFull(saleUniqueId: string): Promise<LoyaleReturnResult | undefined>;
  returnLineItem(saleUniqueId: string, line: LoyaleLineItemReturn): Promise<LoyaleReturnResult | undefined>;
  returnCustom(body: LoyaleTransaction): Promise<LoyaleReturnResult | undefined>;
  updatedCustomers(from: string): Promise<LoyaleUpdatedCustomer[]>;
}

const partner = 'loyale';

function credential(conn: AdapterConnection, name: 'scheme' | 'apiKey'): string {
  const value = conn.credentials[name];
  // Names the missing field, never a value.
  if (!value) throw new PartnerError(partner, `${partner} connection ${conn.id} has no credentials.${name}`, false, null);
  return value;
}

export function createLoyaleClient(conn: AdapterConnection, timeoutMs: number): LoyaleClient {
  const api = createClient<paths>({
    baseUrl: conn.baseUrl,
    fetch: partnerFetch(partner, timeoutMs),
    headers: { 'X-Scheme': credential(conn, 'scheme'), 'X-ApiKey': credential(conn, 'apiKey') },
  });

  // `path` is the concrete (encoded) path, so an error names the transaction it was about.
  async function send<T>(method: 'GET' | 'POST', path: string, call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T | undefined> {
    let result: { data?: T; error?: unknown; response: Response };
    try {
      result = await call();
    } catch (err) {
      if (err instanceof PartnerError) throw err;
      // A 2xx whose body is not JSON: Loyale may have applied it, so a blind retry is not safe.
      throw new PartnerError(partner, `${partner} ${method} ${path} → unreadable response`, false, null);
    }
    if (!result.response.ok) throw httpFailure(partner, method, path, result.response, result.error);
    return result.data;
  }

  const returnPath = (kind: 'Full' | 'LineItem', id: string) => `/api/Transaction/Return/${kind}/${encodeURIComponent(id)}`;

  return {
    createTransaction: (body) => send('POST', '/api/Transaction', () => api.POST('/api/Transaction', { body })),
    returnFull: (id) =>
      send('POST', returnPath('Full', id), () => api.POST('/api/Transaction/Return/Full/{uniqueId}', { params: { path: { uniqueId: id } } })),
    returnLineItem: (id, line) =>
      send('POST', returnPath('LineItem', id), () =>
        api.POST('/api/Transaction/Return/LineItem/{uniqueId}', { params: { path: { uniqueId: id } }, body: line }),
      ),
    returnCustom: (body) => send('POST', '/api/Transaction/Return/Custom', () => api.POST('/api/Transaction/Return/Custom', { body })),
    updatedCustomers: async (from) =>
      (await send('GET', '/api/ExternalPos/UpdatedCustomers', () => api.GET('/api/ExternalPos/UpdatedCustomers', { params: { query: { from } } }))) ?? [],
  };
}

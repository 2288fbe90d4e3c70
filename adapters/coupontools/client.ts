import createClient from 'openapi-fetch';
import type { AdapterConnection } from '../../domain/partners/ports';
import { httpFailure, PartnerError } from '../partner-error';
import { partnerFetch } from '../partner-fetch';
import type { components, paths } from './generated/schema';

const PARTNER = 'coupontools';

export type UserFields = components['schemas']['UserFields'];
export type CardUser = components['schemas']['CardUser'];
export type RewardId = components['schemas']['Id'];

/** The seed says only "API Keys"; these are our defaults, overridable per connection. */
export const defaultAuthHeaders = { clientId: 'X-Client-ID', clientSecret: 'X-Client-Secret' } as const;

const USERS = '/loyalty/loyalty-cards/{loyaltyCardId}/stats';
const USER = '/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}';
const REWARDS = '/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}/rewards';
const VOID = '/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}/void';

function headerName(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() ? value.trim() : fallback;
}

function authHeaders(conn: AdapterConnection): Record<string, string | undefined> {
  return {
    [headerName(conn.options.clientIdHeader, defaultAuthHeaders.clientId)]: conn.credentials.clientId,
    [headerName(conn.options.clientSecretHeader, defaultAuthHeaders.clientSecret)]: conn.credentials.clientSecret,
  };
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Runs one call; any non-2xx becomes a classified PartnerError. */
async function send<T>(method: string, template: string, call: () => Promise<Outcome<T>>): Promise<T | undefined> {
  let outcome: Outcome<T>;
  try {
    outcome = await call();
  } catch (err) {
    if (err instanceof PartnerError) throw err;
    // A 2xx whose body is not JSON: the partner may already have applied the write, so a retry could repeat it.
    throw new PartnerError(PARTNER, `${PARTNER} ${method} ${template} → unreadable response`, false, null);
  }
  const { response } = outcome;
  if (!response.ok) {
    const path = response.url ? new URL(response.url).pathname : template;
    throw httpFailure(PARTNER, method, path, response, outcome.error);
  }
  return outcome.data;
}

export type CoupontoolsClient = ReturnType<typeof createCoupontoolsClient>;

/** Card-user operations on one loyalty card. */
export function createCoupontoolsClient(conn: AdapterConnection, loyaltyCardId: string, timeoutMs: number) {
  const http = createClient<paths>({
    baseUrl: conn.baseUrl,
    fetch: partnerFetch(PARTNER, timeoutMs),
    headers: authHeaders(conn),
  });
  const user = (userId: string) => ({ path: { loyaltyCardId, userId } });
  // No response body is documented: writes whose answer we ignore read it as text, so an unexpected
  // non-JSON success cannot turn an applied write into a failure.
  const ignoreBody = { parseAs: 'text' } as const;

  return {
    /** The new card user's id. The seed shows no response: we assume the created user with its `id`. */
    async createUser(fields: UserFields): Promise<string> {
      const created = await send('POST', USERS, () => http.POST(USERS, { params: { path: { loyaltyCardId } }, body: fields }));
      const id = created?.id;
      if ((typeof id !== 'string' && typeof id !== 'number') || id === '') {
        // Not retryable: the user probably exists now and a retry would create a second one.
        throw new PartnerError(PARTNER, `${PARTNER} POST ${USERS} answered no user id`, false, null);
      }
      return String(id);
    },

    async getUser(userId: string): Promise<CardUser | undefined> {
      return send('GET', USER, () => http.GET(USER, { params: user(userId) }));
    },

    /** User fields only: `amount` on this same path would add stamps instead. */
    async updateUser(userId: string, fields: UserFields): Promise<void> {
      await send('POST', USER, () => http.POST(USER, { params: user(userId), body: fields, ...ignoreBody }));
    },

    async addStamps(userId: string, amount: number): Promise<void> {
      await send('POST', USER, () => http.POST(USER, { params: user(userId), body: { amount }, ...ignoreBody }));
    },

    async voidUser(userId: string): Promise<void> {
      await send('PUT', VOID, () => http.PUT(VOID, { params: user(userId), ...ignoreBody }));
    },

    async useRewards(userId: string, rewardIds: RewardId[]): Promise<void> {
      await send('PUT', REWARDS, () => http.PUT(REWARDS, { params: user(userId), body: { reward_ids: rewardIds }, ...ignoreBody }));
    },
  };
}

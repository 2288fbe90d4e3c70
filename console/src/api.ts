import { createHubClient, type HubClient } from '../../clients/typescript';
import type { Session } from './session';

/** An answer in the hub's error format, as the console shows it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<{ path?: string; message?: string }> = [],
  ) {
    super(message);
  }
}

/** The hub's typed client (clients/typescript), signed in as ops for the chosen scheme. */
export function hubFor(session: Session): HubClient {
  return createHubClient({ baseUrl: location.origin, adminToken: session.token, ...(session.scheme ? { scheme: session.scheme.id } : {}) });
}

/** The data of an answer, or its error thrown as an ApiError. */
export async function need<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    const body = (error ?? {}) as { error?: { code?: string; message?: string; details?: ApiError['details'] } };
    throw new ApiError(response.status, body.error?.code ?? 'error', body.error?.message ?? `HTTP ${response.status}`, body.error?.details ?? []);
  }
  return data;
}

/**
 * Which API's conventions a request follows, read from its path: the hub's
 * own (`/v1/…`), Loyale's (`/api/…`, seed 002) or Loyalty+'s POS and owner
 * API (`/v1/pos/…`, `/v1/owner/…`, seed 001). From the path alone, so an error
 * raised before any route matched (malformed JSON, 413, shed at the door, an
 * unknown path) still answers in the dialect the client speaks. Express
 * matches routes case-insensitively; so does this.
 */
export type Dialect = 'hub' | 'loyale' | 'loyaltyplus';

export function dialectOfPath(path: string): Dialect {
  if (/^\/api(\/|$)/i.test(path)) return 'loyale';
  if (/^\/v1\/(pos|owner)(\/|$)/i.test(path)) return 'loyaltyplus';
  return 'hub';
}

export interface ErrorFields {
  code: string;
  message: string;
  details?: unknown[];
}

/**
 * The error body in each dialect. The seeds' clients read `error` as a string
 * (Loyale's only documented error is `{"error": "<message>"}`; Loyalty+'s
 * answers carry `success`), so those dialects put the message there and keep
 * the hub's `code`, `details` and `requestId` beside it for support.
 */
export function errorBody(dialect: Dialect, fields: ErrorFields, requestId: string | undefined): Record<string, unknown> {
  if (dialect === 'hub') return { error: { ...fields, requestId } };
  const { code, message, details } = fields;
  const flat = { error: message, code, ...(details ? { details } : {}), requestId };
  return dialect === 'loyaltyplus' ? { success: false, ...flat } : flat;
}

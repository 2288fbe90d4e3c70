/**
 * An error answer's fields in any dialect (api/dialects.ts): the hub's
 * `{ error: { code, message, requestId } }`, or Loyale's and Loyalty+'s flat
 * `{ error: <message>, code, requestId }`. Null when the body is none of them.
 */
export function errorOf(body: unknown): { code: string; message: string; requestId: string; details?: unknown[] } | null {
  const b = body as { error?: unknown; code?: unknown; requestId?: unknown; details?: unknown[] } | null;
  if (!b || b.error === undefined) return null;
  const fields = typeof b.error === 'string' ? { code: b.code, message: b.error, requestId: b.requestId, details: b.details } : (b.error as Record<string, unknown>);
  const { code, message, requestId, details } = fields as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string' || typeof requestId !== 'string') return null;
  return { code, message, requestId, ...(details ? { details: details as unknown[] } : {}) };
}

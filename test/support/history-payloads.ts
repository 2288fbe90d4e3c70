/** A payload found in a workflow history: where it sits, its encoding, and its data as text. */
export interface FoundPayload {
  path: string;
  encoding: string;
  data: string;
}

const text = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : '');

/**
 * Every payload in a history (inputs, results, failure details, memos,
 * markers, search attributes), found by shape, as anyone reading Temporal
 * without the hub's codec would see it.
 */
export function historyPayloads(value: unknown, path = '', out: FoundPayload[] = []): FoundPayload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const o = value as Record<string, unknown>;
  const metadata = o.metadata as Record<string, unknown> | undefined;
  if (metadata && typeof metadata === 'object' && 'data' in o) {
    out.push({ path, encoding: text(metadata.encoding), data: text(o.data) });
    return out;
  }
  for (const [k, v] of Object.entries(o)) historyPayloads(v, `${path}.${k}`, out);
  return out;
}

/**
 * Payloads that must be sealed: all but search attributes (indexed by the
 * server, so plain by design; the hub only puts ids there), the request-id
 * header on scheduled activities (the SDK does not pass headers through the
 * codec; the API admits only `[\w.-]{1,128}` ids there, as it does in
 * responses and logs) and the SDK's own marker bookkeeping (patch ids, a
 * local activity's type and times; its result is sealed).
 */
export const mustBeSealed = (p: FoundPayload) =>
  !p.path.includes('.searchAttributes.') && !p.path.endsWith('.header.fields.hub-request-id') && !/markerRecordedEventAttributes\.details\.(?!result\.)/.test(p.path);

import { sample, type Document } from './examples';

/**
 * A Postman collection (v2.1) made from the hub's OpenAPI document, so people
 * who explore APIs in Postman get every operation without an importer's
 * guesses: one folder per tag, one request per operation, credentials as
 * collection variables. Deterministic (no generated ids), so the committed
 * collection can be compared with a fresh one.
 */

type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; description?: string; schema?: object };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { example?: unknown }> };
};
type SecurityScheme = { type: string; scheme?: string; in?: string; name?: string };
export type OpenApi = Document & {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: Document['components'] & { securitySchemes?: Record<string, SecurityScheme> };
};

interface Header {
  key: string;
  value: string;
  disabled?: boolean;
  description?: string;
}
export interface PostmanRequest {
  id: string;
  name: string;
  request: {
    method: string;
    description?: string;
    header: Header[];
    url: { raw: string; host: string[]; path: string[]; query?: Header[]; variable?: Array<{ key: string; value: string; description?: string }> };
    body?: { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } };
  };
}
export interface PostmanCollection {
  info: { name: string; description?: string; version: string; schema: string };
  variable: Array<{ key: string; value: string; description: string }>;
  item: Array<{ name: string; item: PostmanRequest[] }>;
}

const methods = ['get', 'put', 'post', 'delete', 'patch'];

/** The collection variable each credential of the document is read from. */
const variableOf: Record<string, string> = { schemeId: 'scheme', apiKey: 'apiKey', admin: 'adminToken' };

/** The headers one security requirement sends (a cookie scheme is the browser's business, not a header to fill in). */
function credentialHeaders(requirement: Record<string, string[]>, schemes: Record<string, SecurityScheme>): Header[] {
  return Object.keys(requirement).flatMap((name): Header[] => {
    const scheme = schemes[name];
    const value = `{{${variableOf[name] ?? name}}}`;
    if (scheme?.type === 'http' && scheme.scheme === 'bearer') return [{ key: 'Authorization', value: `Bearer ${value}` }];
    if (scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name) return [{ key: scheme.name, value }];
    return [];
  });
}

/**
 * The first security requirement's headers are sent; an alternative's (an
 * admin acting for a scheme instead of its key) are listed disabled, to switch.
 */
function securityHeaders(op: Operation, schemes: Record<string, SecurityScheme>): Header[] {
  const [first, ...alternatives] = op.security ?? [];
  const sent = first ? credentialHeaders(first, schemes) : [];
  const offered = alternatives.flatMap((r) => credentialHeaders(r, schemes)).filter((h) => !sent.some((s) => s.key === h.key && s.value === h.value));
  return [...sent, ...offered.filter((h, i) => offered.findIndex((o) => o.key === h.key) === i).map((h) => ({ ...h, disabled: true }))];
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

function request(path: string, method: string, op: Operation, doc: OpenApi): PostmanRequest {
  const schemas = doc.components?.schemas ?? {};
  const parameters = op.parameters ?? [];
  const of = (where: Parameter['in']) => parameters.filter((p) => p.in === where);
  const segments = path.split('/').filter(Boolean).map((s) => s.replace(/^\{(\w+)\}$/, ':$1'));
  const query = of('query').map((p) => ({
    key: p.name,
    value: text(sample(p.schema, schemas, p.name)),
    ...(p.required ? {} : { disabled: true }),
    ...(p.description ? { description: p.description } : {}),
  }));
  const body = op.requestBody?.content?.['application/json'];
  const header: Header[] = [
    ...securityHeaders(op, doc.components?.securitySchemes ?? {}),
    ...of('header').map((p) => ({ key: p.name, value: '', ...(p.required ? {} : { disabled: true }), ...(p.description ? { description: p.description } : {}) })),
    ...(body ? [{ key: 'Content-Type', value: 'application/json' }] : []),
  ];
  const id = op.operationId ?? `${method} ${path}`;
  return {
    id,
    name: op.summary ?? id,
    request: {
      method: method.toUpperCase(),
      description: [op.description, `operationId: \`${id}\``].filter(Boolean).join('\n\n'),
      header,
      url: {
        raw: `{{baseUrl}}/${segments.join('/')}${query.some((q) => !q.disabled) ? `?${query.filter((q) => !q.disabled).map((q) => `${q.key}=${q.value}`).join('&')}` : ''}`,
        host: ['{{baseUrl}}'],
        path: segments,
        ...(query.length ? { query } : {}),
        ...(of('path').length ? { variable: of('path').map((p) => ({ key: p.name, value: '', ...(p.description ? { description: p.description } : {}) })) } : {}),
      },
      ...(body ? { body: { mode: 'raw' as const, raw: JSON.stringify(body.example ?? {}, null, 2), options: { raw: { language: 'json' as const } } } } : {}),
    },
  };
}

/** The collection for a document: folders in the order their tags first appear, requests in the document's order. */
export function postmanCollection(doc: OpenApi): PostmanCollection {
  const folders = new Map<string, PostmanRequest[]>();
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!methods.includes(method)) continue;
      // An operation under several tags is filed under its first: one request per operation.
      const tag = op.tags?.[0] ?? 'other';
      if (!folders.has(tag)) folders.set(tag, []);
      folders.get(tag)?.push(request(path, method, op, doc));
    }
  }
  return {
    info: {
      name: doc.info.title,
      version: doc.info.version,
      ...(doc.info.description ? { description: doc.info.description } : {}),
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [
      { key: 'baseUrl', value: 'http://localhost:3000', description: 'The hub (npm start listens on PORT, 3000 by default)' },
      { key: 'scheme', value: '', description: 'The scheme (tenant) id, sent as X-Scheme' },
      { key: 'apiKey', value: '', description: "A scheme's API key (lhk_…), sent as X-ApiKey" },
      { key: 'adminToken', value: '', description: 'ADMIN_TOKEN, sent as Authorization: Bearer' },
    ],
    item: [...folders].map(([name, item]) => ({ name, item })),
  };
}

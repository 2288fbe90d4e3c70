import { buildOpenApiDocument } from './document';
import { postmanCollection, type OpenApi, type PostmanRequest } from './postman';

const doc = buildOpenApiDocument() as unknown as OpenApi;
const collection = postmanCollection(doc);
const requests = collection.item.flatMap((folder) => folder.item);
const byId = (id: string) => requests.find((r) => r.id === id) as PostmanRequest;
const operations = Object.values(doc.paths).flatMap((byMethod) => Object.values(byMethod).map((op) => op.operationId));

describe('the Postman collection', () => {
  it('has one request per operation, filed under its first tag', () => {
    expect(requests.map((r) => r.id).sort()).toEqual([...operations].sort());
    for (const folder of collection.item) {
      for (const r of folder.item) expect({ id: r.id, folder: folder.name }).toEqual({ id: r.id, folder: Object.values(doc.paths).flatMap((m) => Object.values(m)).find((op) => op.operationId === r.id)?.tags?.[0] });
    }
  });

  it('is a v2.1 collection whose credentials are collection variables', () => {
    expect(collection.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    expect(collection.variable.map((v) => v.key)).toEqual(['baseUrl', 'scheme', 'apiKey', 'adminToken']);
  });

  it('sends the first credential of each operation, offers the alternative disabled, and nothing on public routes', () => {
    // Operations picked by their declared access (one of each kind), not by name: access changes as the API grows.
    const ops = Object.values(doc.paths).flatMap((byMethod) => Object.values(byMethod));
    const withSecurity = (security: unknown[]) => ops.find((op) => !op.requestBody && JSON.stringify(op.security) === JSON.stringify(security))?.operationId ?? '(none)';
    const headers = (id: string) => byId(id).request.header.map((h) => `${h.key}: ${h.value}${h.disabled ? ' (off)' : ''}`);
    const key = { schemeId: [], apiKey: [] };
    expect(headers(withSecurity([key]))).toEqual(['X-Scheme: {{scheme}}', 'X-ApiKey: {{apiKey}}']);
    expect(headers(withSecurity([key, { admin: [], schemeId: [] }]))).toEqual(['X-Scheme: {{scheme}}', 'X-ApiKey: {{apiKey}}', 'Authorization: Bearer {{adminToken}} (off)']);
    expect(headers(withSecurity([{ admin: [], schemeId: [] }]))).toEqual(['Authorization: Bearer {{adminToken}}', 'X-Scheme: {{scheme}}']);
    expect(headers('createScheme')).toEqual(['Authorization: Bearer {{adminToken}}', 'Content-Type: application/json']);
    expect(headers('getLiveness')).toEqual([]);
  });

  it('names path parameters as :variables and sends the declared example body', () => {
    const read = byId('getCustomer').request;
    expect(read.url.raw).toBe('{{baseUrl}}/v1/customers/:id');
    expect(read.url.variable?.map((v) => v.key)).toEqual(['id']);
    const create = byId('createCustomer').request;
    const example = (doc.paths['/v1/customers']?.post?.requestBody?.content?.['application/json']?.example ?? null) as object;
    expect(create.method).toBe('POST');
    expect(JSON.parse(create.body?.raw ?? 'null')).toEqual(example);
    expect(Object.keys(example).length).toBeGreaterThan(0);
  });
});

import { buildOpenApiDocument } from './document';
import { sample, type Document } from './examples';

const doc = buildOpenApiDocument() as unknown as Required<Document>;

describe('response examples', () => {
  it('gives every JSON answer of the document an example', () => {
    const missing = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).flatMap(([method, op]) =>
        Object.entries(op.responses ?? {})
          .filter(([, r]) => r.content?.['application/json'] && r.content['application/json'].example === undefined)
          .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('shows an error answer as the error handler writes it', () => {
    const notFound = doc.paths['/v1/customers/{id}']?.get?.responses?.['404']?.content?.['application/json']?.example;
    expect(notFound).toEqual({ error: { code: 'not_found', message: 'Not found', requestId: expect.any(String) } });
  });

  it('samples what a schema shows first, then the field name, format and pattern', () => {
    const schemas = {};
    expect(sample({ type: 'string', example: 'given' }, schemas)).toBe('given');
    expect(sample({ type: 'string', enum: ['A', 'B'] }, schemas)).toBe('A');
    expect(sample({ type: 'string' }, schemas, 'email')).toBe('ada@example.com');
    expect(sample({ type: 'string' }, schemas, 'available')).toBe('100');
    expect(sample({ type: 'string', format: 'uuid' }, schemas, 'available')).toMatch(/^[0-9a-f-]{36}$/);
    expect(sample({ type: 'string', pattern: '^[A-Z]{3}$' }, schemas)).toBe('EUR');
    expect(sample({ type: 'integer', minimum: 1, maximum: 10 }, schemas)).toBe(10);
    expect(sample({ type: ['string', 'null'] }, schemas, 'phone')).toBe('+447700900123');
    expect(sample({ allOf: [{ $ref: '#/components/schemas/A' }, { type: ['object', 'null'] }] }, { A: { type: 'object', properties: { ok: { type: 'boolean' } } } })).toEqual({ ok: true });
  });
});

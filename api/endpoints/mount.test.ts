import express, { Router, type RequestHandler } from 'express';
import supertest from 'supertest';
import { z } from 'zod';
import { UnauthorizedError } from '../../domain/errors';
import { classifyDatabaseError } from '../../db/failures';
import { errorHandler } from '../middleware/errors';
import { json } from '../openapi/responses';
import { created, endpoints, ok } from './endpoint';
import { mount, type Guards } from './mount';

const declared = endpoints({
  createThing: {
    method: 'post',
    path: '/v1/things/{id}',
    aliases: [{ path: '/api/Thing/{id}', operationId: 'legacyCreateThing' }],
    access: 'key',
    tags: ['things'],
    summary: 'Create a thing',
    request: {
      params: z.object({ id: z.uuid() }),
      query: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
      body: z.object({ name: z.string().min(1) }).strict(),
    },
    responses: { 201: json('Created', z.object({ id: z.uuid(), name: z.string(), dryRun: z.string() })) },
  },
  listThings: { method: 'get', path: '/v1/things', access: 'public', tags: ['things'], summary: 'List', responses: { 200: json('Things', z.array(z.string())) } },
});

const refuse: RequestHandler = () => {
  throw new UnauthorizedError('no key');
};

function app(guard: RequestHandler[] = []) {
  const calls: unknown[] = [];
  const guards: Guards = { key: guard, keyOrOps: [refuse], ops: [refuse], admin: [refuse], signature: [refuse], public: [] };
  const router = mount(Router(), guards, declared, {
    createThing: ({ params, query, body }) => {
      calls.push({ params, query, body });
      return created({ id: params.id, name: body.name, dryRun: query.dryRun });
    },
    listThings: () => ok(['a']),
  });
  const a = express();
  a.use(express.json());
  a.use(router);
  a.use(errorHandler({ classify: classifyDatabaseError, retryAfterSeconds: 1 }));
  return { http: supertest(a), calls };
}

const id = '4f0c2a52-93b5-4d35-9a52-0b8f4c1d7a10';

describe('mount', () => {
  it('parses every declared part and hands the handler typed values', async () => {
    const { http, calls } = app();
    const res = await http.post(`/v1/things/${id}?dryRun=true`).send({ name: 'x' }).expect(201);
    expect(res.body).toEqual({ id, name: 'x', dryRun: 'true' });
    expect(calls).toEqual([{ params: { id }, query: { dryRun: 'true' }, body: { name: 'x' } }]);
  });

  it('serves the same operation at each alias', async () => {
    const { http } = app();
    await http.post(`/api/Thing/${id}`).send({ name: 'y' }).expect(201);
  });

  it('reports the issues of all parts in one error, and never calls the handler', async () => {
    const { http, calls } = app();
    const res = await http.post('/v1/things/nope?dryRun=maybe').send({ name: '', extra: 1 }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = (res.body.error.details as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['params.id', 'query.dryRun', 'body.name', 'body.extra']));
    expect(calls).toEqual([]);
  });

  it('refuses to mount an endpoint whose access has no guards', () => {
    expect(() => mount(Router(), { public: [] }, declared, { createThing: () => undefined, listThings: () => undefined })).toThrow('createThing: no guards for access "key"');
  });

  it("puts the declared access's guards in front, before any parsing", async () => {
    const { http, calls } = app([refuse]);
    const res = await http.post('/v1/things/nope').send({}).expect(401);
    expect(calls).toEqual([]);
    // The 401 says what the route accepts, in the message and as challenges.
    expect(res.body.error.message).toBe('no key. Send X-Scheme and X-ApiKey (a scheme API key)');
    expect(res.headers['www-authenticate']).toBe('ApiKey realm="loyalty-hub", header="X-ApiKey", scheme-header="X-Scheme"');
    await http.get('/v1/things').expect(200, ['a']);
  });
});

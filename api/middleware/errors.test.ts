import express from 'express';
import supertest from 'supertest';
import { errorTypes, OverloadedError } from '../../domain/errors';
import { errorHandler, statusByType } from './errors';

it('maps every error type to a status, business failures to 4xx', () => {
  for (const type of errorTypes) expect(statusByType[type]).toBeGreaterThanOrEqual(400);
  expect(statusByType.validation_failed).toBe(400);
  expect(statusByType.unauthorized).toBe(401);
  expect(statusByType.forbidden).toBe(403);
  expect(statusByType.not_found).toBe(404);
  expect(statusByType.conflict).toBe(409);
  expect(statusByType.business_rule_violated).toBe(422);
  expect(statusByType.dependency_unavailable).toBe(503);
});

describe('errorHandler', () => {
  const appThrowing = (err: unknown) => {
    const a = express();
    a.get('/x', () => {
      throw err;
    });
    a.use(errorHandler({ unavailable: (e) => ((e as { code?: string }).code === '57014' ? 'PostgreSQL' : null), retryAfterSeconds: 2 }));
    return supertest(a);
  };

  it('answers a dependency that is down or too slow with 503 and Retry-After, never 500', async () => {
    const res = await appThrowing(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })).get('/x');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body.error).toMatchObject({ code: 'dependency_unavailable', message: 'PostgreSQL is unavailable or too slow; retry the same request later' });
  });

  it('maps typed errors by type, and anything else to 500 without internals', async () => {
    await appThrowing(new OverloadedError()).get('/x').expect(503);
    const res = await appThrowing(new TypeError('secret detail')).get('/x').expect(500);
    expect(JSON.stringify(res.body)).not.toContain('secret detail');
    expect(res.headers['retry-after']).toBeUndefined();
  });
});

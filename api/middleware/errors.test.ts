import express from 'express';
import supertest from 'supertest';
import { errorTypes, OverloadedError } from '../../domain/errors';
import { errorHandler, statusByType } from './errors';
import { classifyDatabaseError } from '../../db/failures';

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
    a.use(errorHandler({ classify: classifyDatabaseError, retryAfterSeconds: 2 }));
    return supertest(a);
  };

  it('answers a path parameter that is not UTF-8 with 400, as the router reports it', async () => {
    const a = express();
    a.get('/x/:id', (_req, res) => {
      res.json({});
    });
    a.use(errorHandler({ classify: classifyDatabaseError }));
    const res = await supertest(a).get('/x/a%ED%A0%80b').expect(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', message: 'A path parameter is not valid percent-encoded UTF-8' });
  });

  it('answers a dependency that is down or too slow with 503 and Retry-After, never 500', async () => {
    const res = await appThrowing(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })).get('/x');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body.error).toMatchObject({ code: 'dependency_unavailable', message: 'PostgreSQL is unavailable or too slow; retry the same request later' });
  });

  it('answers what the database refuses as the typed error it means, quoting no value', async () => {
    const fk = Object.assign(new Error('insert into "coupons" ... values (\'x@y.z\') - violates foreign key constraint "coupons_customer_id_foreign"'), {
      name: 'ForeignKeyConstraintViolationException', code: '23503', severity: 'ERROR', table: 'coupons', constraint: 'coupons_customer_id_foreign', detail: 'Key (customer_id)=(…) is not present',
    });
    const res = await appThrowing(fk).get('/x').expect(404);
    expect(res.body.error.code).toBe('not_found');
    expect(JSON.stringify(res.body)).not.toMatch(/x@y\.z|insert|Key \(/);
    await appThrowing(Object.assign(new Error('value too long'), { code: '22001', severity: 'ERROR' })).get('/x').expect(400);
    await appThrowing(Object.assign(new Error('dup'), { code: '23505', severity: 'ERROR' })).get('/x').expect(409);
  });

  it('maps typed errors by type, and anything else to 500 without internals', async () => {
    await appThrowing(new OverloadedError()).get('/x').expect(503);
    const res = await appThrowing(new TypeError('secret detail')).get('/x').expect(500);
    expect(JSON.stringify(res.body)).not.toContain('secret detail');
    expect(res.headers['retry-after']).toBeUndefined();
  });
});

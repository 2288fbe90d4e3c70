import express from 'express';
import supertest from 'supertest';
import { createMetrics } from '../metrics';
import { deadline } from './deadline';
import { errorHandler } from './errors';

describe('deadline', () => {
  it('answers 503 with Retry-After for a request its handler never answers; a late answer is dropped, not a crash', async () => {
    const a = express();
    let late: Promise<void> = Promise.resolve();
    a.use(deadline(50, 3, createMetrics()));
    a.get('/stuck', async (_req, res) => {
      late = new Promise((r) => setTimeout(r, 300)).then(() => {
        res.json({ too: 'late' });
      });
      await late;
    });
    a.use(errorHandler({ retryAfterSeconds: 3 }));
    const res = await supertest(a).get('/stuck');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.body.error.code).toBe('dependency_unavailable');
    await late.catch(() => undefined);
  });

  it('leaves a request answered in time alone', async () => {
    const a = express();
    a.use(deadline(1000, 1, createMetrics()));
    a.get('/ok', (req, res) => void res.json({ deadline: typeof res.locals.deadline }));
    await supertest(a).get('/ok').expect(200, { deadline: 'number' });
  });
});

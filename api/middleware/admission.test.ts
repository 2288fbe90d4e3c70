import express from 'express';
import supertest from 'supertest';
import { createMetrics } from '../metrics';
import { admission } from './admission';

/** An app whose one route waits until the test lets it go. */
function app(limits: { inFlight: number; queued: number; maxWaitMs: number }) {
  const gates: Array<() => void> = [];
  const a = express();
  a.use(admission(limits, createMetrics(), 2));
  a.get('/healthz', (_req, res) => void res.json({ ok: true }));
  a.get('/work', async (_req, res) => {
    await new Promise<void>((r) => gates.push(r));
    res.json({ done: true });
  });
  const started = () => gates.length;
  const release = () => gates.shift()?.();
  return { http: supertest(a), started, release };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe('admission', () => {
  it('lets `inFlight` in, queues `queued` in order, and sheds the rest at once with 503 overloaded and Retry-After', async () => {
    const t = app({ inFlight: 1, queued: 1, maxWaitMs: 60_000 });
    const first = t.http.get('/work').then((r) => r);
    await until(() => t.started() === 1);
    const second = t.http.get('/work').then((r) => r);
    await new Promise((r) => setTimeout(r, 20));
    const third = await t.http.get('/work');
    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('2');
    expect(third.body).toEqual({ error: { code: 'overloaded', message: 'The hub is at capacity; retry shortly' } });
    expect(t.started()).toBe(1); // the queued one waits for a slot
    t.release();
    expect((await first).status).toBe(200);
    await until(() => t.started() === 1);
    t.release();
    expect((await second).status).toBe(200);
  });

  it('sheds a queued request that waited `maxWaitMs` for a slot', async () => {
    const t = app({ inFlight: 1, queued: 4, maxWaitMs: 50 });
    const first = t.http.get('/work').then((r) => r);
    await until(() => t.started() === 1);
    const waited = await t.http.get('/work');
    expect(waited.status).toBe(503);
    expect(waited.body.error.code).toBe('overloaded');
    t.release();
    await first;
  });

  it('never queues probes: an overloaded hub still says how it is', async () => {
    const t = app({ inFlight: 1, queued: 0, maxWaitMs: 50 });
    const first = t.http.get('/work').then((r) => r);
    await until(() => t.started() === 1);
    await t.http.get('/healthz').expect(200);
    t.release();
    await first;
  });
});

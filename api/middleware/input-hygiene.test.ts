import express from 'express';
import supertest from 'supertest';
import { errorHandler } from './errors';
import { findNul, jsonBodiesOnly, noNulCharacters } from './input-hygiene';

function app() {
  const a = express();
  a.use(jsonBodiesOnly);
  a.use(express.json());
  a.use(noNulCharacters);
  a.all('/{*rest}', (req, res) => {
    res.json({ body: req.body ?? null });
  });
  a.use(errorHandler());
  return supertest(a);
}

describe('jsonBodiesOnly', () => {
  it('answers a form or text body 415 instead of reading it as an empty object', async () => {
    const res = await app().post('/v1/customers').type('form').send('firstName=Ann').expect(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    await app().post('/v1/customers').set('Content-Type', 'text/plain').send('{}').expect(415);
  });

  it('accepts JSON (and +json) bodies and requests without a body', async () => {
    await app().post('/x').send({ a: 1 }).expect(200);
    await app().post('/x').set('Content-Type', 'application/merge-patch+json').send('{"a":1}').expect(200);
    await app().post('/x').expect(200);
    await app().get('/x').expect(200);
  });
});

describe('noNulCharacters', () => {
  it('refuses NUL in the path, the query, a value or a key with 400 naming where', async () => {
    expect((await app().get('/v1/transactions/a%00b').expect(400)).body.error.details[0].path).toBe('path');
    expect((await app().get('/x?q=a%00b').expect(400)).body.error.details[0].path).toBe('query.q');
    expect((await app().post('/x').send({ name: 'a\u0000b' }).expect(400)).body.error.details[0].path).toBe('body.name');
    expect((await app().post('/x').send({ lines: [{ sku: 'ok' }, { sku: '\u0000' }] }).expect(400)).body.error.details[0].path).toBe('body.lines.1.sku');
    expect((await app().post('/x').send({ ['k\u0000']: 1 }).expect(400)).body.error.details[0].path).toBe('body.k\\0');
  });

  it('lets ordinary text through, including other control-free unicode', async () => {
    await app().post('/x').send({ name: 'Zoë 🎉 \t tab' }).expect(200);
    expect(findNul({ a: [1, 'x', { b: null }] }, 'body')).toBeNull();
  });
});

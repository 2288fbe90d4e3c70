import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { openOrm, pingDatabase, type Orm } from '../db/orm';
import { freePort } from '../runtime/free-port';
import { temporalHealth } from '../runtime/health';
import { createHarness, type Harness } from './support/harness';
import { eventually, spawnScript, type SpawnedScript } from './support/child-process';

describe('/healthz and /readyz', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ worker: false });
  });
  afterAll(() => h.close());

  it('are 200 when PostgreSQL and Temporal answer', async () => {
    await h.http.get('/healthz').expect(200, { status: 'ok' });
    const res = await h.http.get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: 'up', temporal: 'up' } });
  });
});

describe('/readyz follows PostgreSQL down and back up', () => {
  let dataDir: string;
  let pg: SpawnedScript;
  let port: number;
  let orm: Orm;
  let h: Harness;

  const startPg = async () => {
    pg = spawnScript('test/support/pg-child.ts', [dataDir, String(port)]);
    return pg.waitFor('READY ');
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-readiness-'));
    port = await freePort();
    const url = await startPg();
    orm = await openOrm({ databaseUrl: url, poolMax: 2 });
    // This PostgreSQL is the one /readyz watches; it is real and really stopped below.
    h = await createHarness({ worker: false, health: { postgres: () => pingDatabase(orm) } });
  });
  afterAll(async () => {
    await h?.close();
    await orm?.close();
    await pg?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('503 naming postgres while it is stopped, 200 again once it is back', async () => {
    await h.http.get('/readyz').expect(200);

    await pg.kill('SIGTERM'); // a clean PostgreSQL shutdown
    const down = await eventually(() => h.http.get('/readyz'), (r) => r.status === 503);
    expect(down.body.error).toMatchObject({ code: 'dependency_unavailable', message: 'Not ready: postgres unavailable' });
    expect(down.body.error.details).toEqual([expect.objectContaining({ dependency: 'postgres', status: 'down' })]);
    await h.http.get('/healthz').expect(200); // liveness does not depend on the database

    await startPg();
    const up = await eventually(() => h.http.get('/readyz'), (r) => r.status === 200);
    expect(up.body.checks).toEqual({ postgres: 'up', temporal: 'up' });
  });
});

describe('/readyz with Temporal unreachable', () => {
  let h: Harness;
  let dead: Connection;
  beforeAll(async () => {
    dead = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 500 });
    h = await createHarness({
      worker: false,
      health: {
        temporal: temporalHealth(dead, 1000),
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await dead.close().catch(() => undefined);
  });

  it('is 503 naming temporal', async () => {
    const res = await h.http.get('/readyz').expect(503);
    expect(res.body.error.details).toEqual([expect.objectContaining({ dependency: 'temporal', status: 'down' })]);
  });
});

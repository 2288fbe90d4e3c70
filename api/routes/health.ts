import { Router } from 'express';
import { DependencyUnavailableError } from '../../domain/errors';
import type { HealthChecks } from '../ports';

const CHECK_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<void>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return null;
  } catch (err) {
    return (err as Error)?.message?.split('\n')[0] ?? String(err);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(checks: HealthChecks): Router {
  const router = Router();

  /** Liveness: the process answers. Never touches dependencies, so a DB outage does not restart pods. */
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /** Readiness: PostgreSQL and Temporal both answer; 503 names the ones that do not. */
  router.get('/readyz', async (_req, res) => {
    const [postgres, temporal] = await Promise.all([probe(checks.postgres), probe(checks.temporal)]);
    const down = Object.entries({ postgres, temporal }).filter(([, error]) => error !== null);
    if (down.length > 0) {
      throw new DependencyUnavailableError(
        `Not ready: ${down.map(([name]) => name).join(', ')} unavailable`,
        down.map(([name, error]) => ({ path: name, message: error as string, dependency: name, status: 'down' })),
      );
    }
    res.json({ status: 'ready', checks: { postgres: 'up', temporal: 'up' } });
  });

  return router;
}

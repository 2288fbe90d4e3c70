import type { Express } from 'express';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false });
});
afterAll(() => h.close());

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method + path Express will actually serve, read from the router itself. */
function mountedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
            found.push(`${method.toUpperCase()} ${p.replace(/:(\w+)/g, '{$1}')}`);
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found.sort();
}

it('documents every mounted route in /openapi.json', async () => {
  const doc = (await h.http.get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  const mounted = mountedRoutes(h.app);
  expect(mounted.length).toBeGreaterThan(10);
  expect(mounted.filter((r) => !documented.includes(r))).toEqual([]);
  expect(documented.filter((r) => !mounted.includes(r))).toEqual([]);
});

it('describes the error format and the auth schemes', async () => {
  const doc = (await h.http.get('/openapi.json').expect(200)).body;
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.components.schemas.Error).toBeDefined();
  expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['admin', 'apiKey', 'codecSession', 'ownerBearer', 'posApiKey', 'schemeId', 'webhookSignature']);
});

it('documents a 401, with what to send and its WWW-Authenticate, exactly where the operation names a credential', async () => {
  const doc = (await h.http.get('/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { description: string; headers?: Record<string, unknown> }> }>>;
  };
  const mismatched = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).flatMap(([method, op]) => {
      const unauthorized = op.responses['401'];
      const credentialed = (op.security ?? []).length > 0;
      const ok = credentialed ? /Send /.test(unauthorized?.description ?? '') && unauthorized?.headers?.['WWW-Authenticate'] !== undefined : unauthorized === undefined;
      return ok ? [] : [`${method.toUpperCase()} ${path}`];
    }),
  );
  expect(mismatched).toEqual([]);
  // The partner's signature is a credential: the webhook route is not open.
  expect(doc.paths['/v1/webhooks/{partner}/{connectionId}']?.post?.security).toEqual([{ webhookSignature: [] }]);
});

it('renders the document at /docs from local assets', async () => {
  const page = await h.http.get('/docs').expect(200);
  expect(page.type).toBe('text/html');
  expect(page.text).toContain('/openapi.json');
  await h.http.get('/docs/assets/swagger-ui-bundle.js').expect(200);
});

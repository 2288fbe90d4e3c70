import path from 'node:path';
import { ConfigError, parseConfig } from './index';

describe('parseConfig', () => {
  it('applies documented defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      port: 3000,
      adminToken: undefined,
      databaseUrl: undefined,
      temporal: { address: undefined, namespace: 'default', taskQueue: 'loyalty-hub', uiPort: 8233, devPort: 7233 },
      embeddedPostgresPort: 54329,
      dataDir: path.resolve('.data'),
      logLevel: 'info',
      bodyLimit: '100kb',
    });
  });

  it('reads every documented variable', () => {
    const c = parseConfig({
      PORT: '8080',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      DATABASE_URL: 'postgres://u:p@db:5432/hub',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'loyalty',
      TEMPORAL_UI_PORT: '9000',
      DATA_DIR: '/var/lib/hub',
      LOG_LEVEL: 'debug',
    });
    expect(c).toMatchObject({
      port: 8080,
      adminToken: 'a-long-enough-admin-token',
      databaseUrl: 'postgres://u:p@db:5432/hub',
      temporal: { address: 'temporal:7233', namespace: 'loyalty', uiPort: 9000 },
      dataDir: '/var/lib/hub',
      logLevel: 'debug',
    });
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('names every bad value in one error', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', ADMIN_TOKEN: 'short', DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'nohost', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.join('\n');
    for (const name of ['PORT', 'ADMIN_TOKEN', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'LOG_LEVEL']) expect(issues).toContain(name);
  });

  it.each([['PORT', '0'], ['PORT', '70000'], ['TEMPORAL_UI_PORT', '-1'], ['BODY_LIMIT', 'lots']])('rejects %s=%s', (k, v) => {
    expect(() => parseConfig({ [k]: v })).toThrow(ConfigError);
  });
});

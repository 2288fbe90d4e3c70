/** What global-setup hands to every integration test file (through the environment). */
export interface TestEnv {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  temporalCliPath: string;
  namespace: string;
}

const KEY = 'HUB_TEST_ENV';

export function publishTestEnv(env: TestEnv): void {
  process.env[KEY] = JSON.stringify(env);
}

export function testEnv(): TestEnv {
  const raw = process.env[KEY];
  if (!raw) throw new Error('integration tests need the jest global setup (run them with npm test)');
  return JSON.parse(raw) as TestEnv;
}

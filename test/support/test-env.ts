/** What global-setup hands to every integration test file (through the environment). */
export interface TestEnv {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  temporalCliPath: string;
  namespace: string;
  /** The run's payload key (hex): every client and worker of the run seals payloads with it. */
  payloadKey: string;
}

/** The run's payload keys, as PAYLOAD_KEYS would give them. */
export function testPayloadKeys(): Array<{ id: string; key: Buffer }> {
  return [{ id: 'test-run', key: Buffer.from(testEnv().payloadKey, 'hex') }];
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

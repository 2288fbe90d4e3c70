import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { parseConfig } from '../../config';
import { startEphemeralStack } from '../../runtime/ephemeral-stack';
import { createLogger } from '../../runtime/logger';
import { workflowInterceptorsPath, workflowsPath } from '../../runtime/worker';
import { failureConverterPath } from '../../runtime/data-converter';
import { publishTestEnv } from './test-env';

/**
 * One real PostgreSQL database and one real Temporal dev server for the whole
 * run; every test file brings its own worker on its own task queue and its own
 * schemes, so files can run in parallel without seeing each other.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const stack = await startEphemeralStack(parseConfig(process.env), createLogger(process.env.TEST_LOG_LEVEL ?? 'warn'));
  (globalThis as Record<string, unknown>).__hubTestStop = stack.stop;

  // Bundling once here saves every test file a webpack run.
  const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: [workflowInterceptorsPath], failureConverterPath, logger: quietBundlerLogger });
  const workflowBundlePath = path.join(stack.tmpDir, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, code);

  publishTestEnv({
    databaseUrl: stack.databaseUrl,
    temporalAddress: stack.temporalAddress,
    workflowBundlePath,
    temporalCliPath: stack.temporalCliPath,
    namespace: stack.namespace,
    payloadKey: randomBytes(32).toString('hex'),
  });
  console.log(`\n[global-setup] PostgreSQL + Temporal dev server + workflow bundle ready in ${Date.now() - started} ms`);
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

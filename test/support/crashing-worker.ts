// A real worker process that commits the customer insert and then hangs before
// reporting the activity done, so a test can kill it at the worst moment.
//   tsx test/support/crashing-worker.ts <taskQueue>
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { openOrm } from '../../db/orm';
import { createRepositories } from '../../db/repositories';
import { testEnv } from './test-env';

async function main() {
  const [taskQueue] = process.argv.slice(2);
  if (!taskQueue) throw new Error('usage: crashing-worker <taskQueue>');
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const env = testEnv();
  const orm = await openOrm({ databaseUrl: env.databaseUrl });
  const repos = createRepositories(orm);
  const real = createActivities(repos);
  const activities = {
    ...real,
    createCustomer: async (input: Parameters<typeof real.createCustomer>[0]) => {
      const customer = await real.createCustomer(input);
      process.stdout.write(`INSERTED ${customer.id}\n`);
      return new Promise<never>(() => undefined); // the process is about to be killed
    },
  };
  const connection = await NativeConnection.connect({ address: env.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: env.namespace,
    taskQueue,
    activities,
    workflowBundle: { codePath: env.workflowBundlePath },
  });
  process.stdout.write('WORKER_READY\n');
  await worker.run();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// A real worker process that runs an activity for real (its writes commit) and
// then hangs before reporting it done, so a test can kill it at the worst moment.
//   tsx test/support/crashing-worker.ts <taskQueue> [createCustomer|postSale|postReturn]
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { openOrm } from '../../db/orm';
import { createRepositories } from '../../db/repositories';
import { testEnv, testPayloadKeys } from './test-env';
import { EncryptionCodec } from '../../runtime/payload-codec';
import { hubDataConverter } from '../../runtime/data-converter';
import { Client, Connection } from '@temporalio/client';
import { uncounted } from '../../activities/metrics';
import { partnerDeps } from '../../runtime/partner-deps';

async function main() {
  const [taskQueue, activity = 'createCustomer'] = process.argv.slice(2);
  if (!taskQueue) throw new Error('usage: crashing-worker <taskQueue>');
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const env = testEnv();
  const orm = await openOrm({ databaseUrl: env.databaseUrl, outboxQueue: taskQueue });
  const repos = createRepositories(orm);
  const connection = await NativeConnection.connect({ address: env.temporalAddress });
  const dataConverter = hubDataConverter(new EncryptionCodec(testPayloadKeys()));
  const client = new Client({ connection: await Connection.connect({ address: env.temporalAddress }), namespace: env.namespace, dataConverter });
  const real = createActivities({ ...repos, partners: partnerDeps(client, taskQueue), metrics: uncounted });
  const hang = () => new Promise<never>(() => undefined); // the process is about to be killed
  const activities = {
    ...real,
    createCustomer: async (input: Parameters<typeof real.createCustomer>[0]) => {
      const customer = await real.createCustomer(input);
      if (activity !== 'createCustomer') return customer;
      process.stdout.write(`INSERTED ${customer.id}\n`);
      return hang();
    },
    postSale: async (input: Parameters<typeof real.postSale>[0]) => {
      const result = await real.postSale(input);
      if (activity !== 'postSale') return result;
      process.stdout.write(`INSERTED ${input.uniqueId}\n`);
      return hang();
    },
    postReturn: async (input: Parameters<typeof real.postReturn>[0]) => {
      const result = await real.postReturn(input);
      if (activity !== 'postReturn') return result;
      process.stdout.write(`INSERTED ${input.uniqueId}\n`);
      return hang();
    },
  };
  const worker = await Worker.create({
    connection,
    namespace: env.namespace,
    taskQueue,
    activities,
    workflowBundle: { codePath: env.workflowBundlePath },
    dataConverter,
  });
  process.stdout.write('WORKER_READY\n');
  await worker.run();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

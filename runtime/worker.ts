import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { Capacity } from '../config/capacity';
import { activityLogInterceptors } from './activity-log';

export interface HubWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Slots follow HUB_CONCURRENCY (config/capacity.ts), like the database pool they draw on. */
  capacity: Capacity;
  /** A prebuilt bundle (tests build one per run); otherwise workflows are bundled from source. */
  workflowBundle?: { codePath: string };
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
  /** The hub's payload codec and failure converter (runtime/data-converter.ts); a prebuilt bundle must include the same failure converter. */
  dataConverter: WorkerOptions['dataConverter'];
}

export const workflowsPath = require.resolve('../workflows');
/** Bundled with the workflows (a prebuilt bundle must include it too): passes the request id down to activities. */
export const workflowInterceptorsPath = require.resolve('../workflows/interceptors');

/**
 * Tuned for the till path on a small box:
 * - local activities (one posting transaction each) and regular activities
 *   (follow-ups, partner calls) get `concurrency` slots each — the database
 *   pool has a connection for every one, so a slot never waits on the pool;
 * - workflow-task slots are twice that: a one-step operation holds its task
 *   open while its local activity runs, and eager starts need a free slot or
 *   fall back to the task queue;
 * - four pollers per queue: each is a long poll the server holds; more only
 *   cost the server work on 2 cores, where the pollers are never the limit;
 * - the workflow cache stays at the SDK's memory-based default: one-step
 *   workflows leave it when they complete, and only holds, referrals and
 *   return windows stay (resident, so their next task does not replay).
 */
export async function createHubWorker(opts: HubWorkerOptions): Promise<Worker> {
  const slots = opts.capacity.worker;
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities(opts.deps),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    interceptors: { activity: [activityLogInterceptors], ...(opts.workflowBundle ? {} : { workflowModules: [workflowInterceptorsPath] }) },
    dataConverter: opts.dataConverter,
    shutdownGraceTime: opts.shutdownGraceTime ?? '10s',
    maxConcurrentLocalActivityExecutions: slots.maxConcurrentLocalActivityExecutions,
    maxConcurrentActivityTaskExecutions: slots.maxConcurrentActivityTaskExecutions,
    maxConcurrentWorkflowTaskExecutions: Math.max(10, 2 * slots.maxConcurrentLocalActivityExecutions),
    maxConcurrentWorkflowTaskPolls: 4,
    maxConcurrentActivityTaskPolls: 4,
  });
}

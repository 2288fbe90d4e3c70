import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { FollowUp } from '../domain/follow-ups';
import type { FollowUpOutbox } from '../domain/ports';
import { createLogger } from './logger';
import { FollowUpRelay } from './follow-up-relay';

type Batch = { id: string; schemeId: string; key: string; lane: string; steps: FollowUp[]; attempts: number };
const step = (uniqueId: string): FollowUp => ({ kind: 'pendingWindow', schemeId: 's1', uniqueId, customerId: 'c1', activateAt: 't' });

/** An outbox in memory (claim hands out each batch once unless deferred) and a client that records its starts. */
function fakes(batches: Batch[], start: (workflowId: string) => Promise<void>) {
  const completed: string[] = [];
  const deferred: Array<{ id: string; error: string }> = [];
  const open = [...batches];
  const outbox: FollowUpOutbox = {
    queue: {
      claim: async (limit) => open.splice(0, limit).map((b) => ({ ...b, attempts: b.attempts + 1 })),
      complete: async (id) => void completed.push(id),
      defer: async (id, error) => void deferred.push({ id, error }),
      backlog: async () => open.length,
    },
    doorbell: { listen: () => () => undefined },
  };
  const started: string[] = [];
  const client = {
    withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
    workflow: {
      start: async (_type: string, opts: { workflowId: string }) => {
        await start(opts.workflowId);
        started.push(opts.workflowId);
      },
    },
  } as unknown as Client;
  return { outbox, client, completed, deferred, started };
}

const drained = async (relay: FollowUpRelay) => {
  relay.kick();
  await new Promise((r) => setTimeout(r, 50));
  await relay.stop();
};

describe('FollowUpRelay', () => {
  it('starts each batch’s steps in order and removes the batch; a step started before counts as started', async () => {
    const f = fakes([{ id: '1', schemeId: 's1', key: 'sale/a', lane: 'c1', steps: [step('a'), step('b')], attempts: 0 }], async (id) => {
      if (id.includes('/b/')) throw new WorkflowExecutionAlreadyStartedError('started', id, 'activatePendingPoints');
    });
    await drained(new FollowUpRelay({ outbox: f.outbox, client: f.client, taskQueue: 'q', logger: createLogger('silent'), eager: false }));
    expect(f.started).toEqual(['sale/s1/a/pending-points']);
    expect(f.completed).toEqual(['1']);
    expect(f.deferred).toEqual([]);
  });

  it('keeps a batch whose start failed (Temporal down), with the error, for a later attempt', async () => {
    const f = fakes([{ id: '1', schemeId: 's1', key: 'sale/a', lane: 'c1', steps: [step('a')], attempts: 0 }], async () => {
      throw new Error('14 UNAVAILABLE: connection refused');
    });
    await drained(new FollowUpRelay({ outbox: f.outbox, client: f.client, taskQueue: 'q', logger: createLogger('silent'), eager: false }));
    expect(f.completed).toEqual([]);
    expect(f.deferred).toEqual([{ id: '1', error: '14 UNAVAILABLE: connection refused' }]);
  });
});

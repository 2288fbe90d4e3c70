import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { holdPlaced, holdState, redeemHold, removeHold, type HoldInput } from '../workflows/contracts/holds';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { RecordSaleInput } from '../workflows/contracts/sales';
import { searchAttributes } from '../workflows/contracts/search-attributes';
import { installTestRuntime } from './support/harness';
import { testEnv } from './support/test-env';

/**
 * The one-step workflows with their activities replaced: what the workflow
 * itself decides (a refusal completes it, a transient failure is retried, an
 * execution from before takes its old path), on the real Temporal server.
 */
let native: NativeConnection;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  installTestRuntime();
  native = await NativeConnection.connect({ address: testEnv().temporalAddress });
  connection = await Connection.connect({ address: testEnv().temporalAddress });
  client = new Client({ connection, namespace: testEnv().namespace });
});
afterAll(async () => {
  await connection.close();
  await native.close();
});

async function withWorker<T>(activities: Record<string, (...args: never[]) => Promise<unknown>>, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `steps-${randomUUID()}`;
  const worker = await Worker.create({ connection: native, namespace: testEnv().namespace, taskQueue, workflowBundle: { codePath: testEnv().workflowBundlePath }, activities });
  return worker.runUntil(fn(taskQueue));
}

const saleInput = (extra: Partial<RecordSaleInput> = {}): RecordSaleInput => ({
  schemeId: randomUUID(),
  uniqueId: `u-${randomUUID()}`,
  requestHash: 'hash-1',
  customerId: randomUUID(),
  outletId: randomUUID(),
  sale: { lines: [{ quantity: 1, unitPrice: 10 }], payments: [], coupons: [] },
  statusUrl: 'http://hub/status',
  request: {},
  oneStep: true,
  ...extra,
});
const result = { customerId: 'c', status: 'COMPLETED', statusUrl: 's', uniqueId: 'u', pointsEarned: 60, pointsRedeemed: 0, pointsBefore: 0, pointsAfter: 60, paymentMethods: [] };

describe('recordSale', () => {
  it('completes with the refusal its one step raised (not failed), and says so in Outcome', async () => {
    await withWorker(
      { postSale: async () => Promise.reject(ApplicationFailure.create({ type: 'business_rule_violated', message: 'not enough points', nonRetryable: true })) },
      async (taskQueue) => {
        const handle = await client.workflow.start('recordSale', { taskQueue, workflowId: `sale-${randomUUID()}`, args: [saleInput()] });
        expect(await handle.result()).toEqual({ outcome: 'refused', refusal: { type: 'business_rule_violated', message: 'not enough points', details: [] }, requestHash: 'hash-1' });
        const d = await handle.describe();
        expect(d.status.name).toBe('COMPLETED');
        expect(d.typedSearchAttributes.get(searchAttributes.outcome)).toEqual(['refused', 'business_rule_violated']);
      },
    );
  });

  it('retries its one step through a transient failure (a database outage), then answers', async () => {
    let calls = 0;
    await withWorker(
      {
        postSale: async () => {
          calls += 1;
          if (calls < 3) throw new Error('Query read timeout');
          return result;
        },
      },
      async (taskQueue) => {
        const handle = await client.workflow.start('recordSale', { taskQueue, workflowId: `sale-${randomUUID()}`, args: [saleInput()] });
        expect(await handle.result()).toEqual({ outcome: 'completed', value: result, requestHash: 'hash-1' });
        expect(calls).toBe(3);
      },
    );
  });

  it('runs an execution started before the one-step sale (no flag) down its old path: context, priced in the workflow, posted', async () => {
    const seen: string[] = [];
    await withWorker(
      {
        prepareSale: async () => {
          seen.push('prepareSale');
          return { customerId: 'c', customerStatus: 'ACTIVE', outletId: 'o', accountId: 'a', walletId: 'w', available: '0', currencyDecimals: 2, rules: { earnPerUnit: '6', redeemPointsPerUnit: '100', overrides: [], returnWindowSeconds: 0, returnPolicy: 'within_balance' }, giftCards: {}, coupons: {}, now: new Date().toISOString(), partnerEvents: [], busListening: false };
        },
        postSale: async (input: { pointsEarned?: string; sale?: unknown }) => {
          seen.push(input.sale ? 'postSale(one step)' : `postSale(priced ${input.pointsEarned})`);
          return result;
        },
      },
      async (taskQueue) => {
        const handle = await client.workflow.start('recordSale', { taskQueue, workflowId: `sale-${randomUUID()}`, args: [saleInput({ oneStep: undefined })] });
        expect(await handle.result()).toEqual(result);
      },
    );
    expect(seen).toEqual(['prepareSale', 'postSale(priced 60)']);
  });
});

describe('holdPoints', () => {
  it('answers its placement through the update sent with the start, then redeems through its one step', async () => {
    const steps: string[] = [];
    await withWorker(
      {
        reserveHold: async () => {
          steps.push('reserve');
          return { customerId: 'c', accountId: 'a', walletId: 'w', pendingTransferId: 'p', pointsHeld: '300', availableBefore: '1000', availableAfter: '700' };
        },
        resolveHold: async (i: { outcome: string; points?: string }) => void steps.push(`${i.outcome}:${i.points ?? 'all'}`),
      },
      async (taskQueue) => {
        const input: HoldInput = { schemeId: randomUUID(), uniqueId: `h-${randomUUID()}`, requestHash: 'hash-h', customerId: randomUUID(), outletId: randomUUID(), points: '300', expiresInSeconds: 600, oneStep: true };
        const start = new WithStartWorkflowOperation('holdPoints', { taskQueue, workflowId: `hold-${randomUUID()}`, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' });
        const placed = await client.workflow.executeUpdateWithStart(holdPlaced, { startWorkflowOperation: start });
        expect(placed).toMatchObject({ outcome: 'completed', value: { status: 'HELD', pointsHeld: '300', availableAfter: '700' } });
        const handle = await start.workflowHandle();
        const redeemed = await handle.executeUpdate(redeemHold, { args: [{ points: '100' }] });
        expect(redeemed).toMatchObject({ status: 'REDEEMED', pointsRedeemed: '100' });
        expect(await handle.result()).toMatchObject({ outcome: 'completed', value: { status: 'REDEEMED' } });
      },
    );
    expect(steps).toEqual(['reserve', 'capture:100']);
  });

  it('completes a refused placement with its refusal, answered to the update', async () => {
    await withWorker(
      { reserveHold: async () => Promise.reject(ApplicationFailure.create({ type: 'business_rule_violated', message: 'Insufficient points', nonRetryable: true })) },
      async (taskQueue) => {
        const input: HoldInput = { schemeId: randomUUID(), uniqueId: `h-${randomUUID()}`, requestHash: 'hash-h', customerId: randomUUID(), outletId: randomUUID(), points: '300', expiresInSeconds: 600, oneStep: true };
        const start = new WithStartWorkflowOperation('holdPoints', { taskQueue, workflowId: `hold-${randomUUID()}`, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' });
        const placed = await client.workflow.executeUpdateWithStart(holdPlaced, { startWorkflowOperation: start });
        expect(placed).toMatchObject({ outcome: 'refused', refusal: { type: 'business_rule_violated' } });
        const handle = await start.workflowHandle();
        await handle.result();
        const d = await handle.describe();
        expect(d.status.name).toBe('COMPLETED');
        expect(d.typedSearchAttributes.get(searchAttributes.outcome)).toEqual(['refused', 'business_rule_violated']);
      },
    );
  });

  /** A hold placed with the stub activities below; `steps` records what the workflow asked of them. */
  async function placed(taskQueue: string, expiresInSeconds = 600) {
    const input: HoldInput = { schemeId: randomUUID(), uniqueId: `h-${randomUUID()}`, requestHash: 'hash-h', customerId: randomUUID(), outletId: randomUUID(), points: '300', expiresInSeconds, oneStep: true };
    const start = new WithStartWorkflowOperation('holdPoints', { taskQueue, workflowId: `hold-${randomUUID()}`, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' });
    expect(await client.workflow.executeUpdateWithStart(holdPlaced, { startWorkflowOperation: start })).toMatchObject({ outcome: 'completed', value: { status: 'HELD' } });
    return start.workflowHandle();
  }
  const holdStubs = (steps: string[], resolve?: (outcome: string) => Promise<void>) => ({
    reserveHold: async () => ({ customerId: 'c', accountId: 'a', walletId: 'w', pendingTransferId: 'p', pointsHeld: '300', availableBefore: '1000', availableAfter: '700' }),
    resolveHold: async (i: { outcome: string; points?: string }) => {
      steps.push(`${i.outcome}:${i.points ?? 'all'}`);
      await resolve?.(i.outcome);
    },
  });
  const refusedUpdate = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((err as WorkflowUpdateFailedError).cause as ApplicationFailure).type;
  };

  it('expires a hold the POS never comes back for, once, at its deadline', async () => {
    const steps: string[] = [];
    await withWorker(holdStubs(steps), async (taskQueue) => {
      const handle = await placed(taskQueue, 1);
      expect(await handle.result()).toMatchObject({ outcome: 'completed', value: { status: 'EXPIRED', pointsRedeemed: '0' } });
    });
    expect(steps).toEqual(['expire:all']);
  });

  it('removes a hold through its one step and completes with it (a repeat after that reads the result, in the API)', async () => {
    const steps: string[] = [];
    await withWorker(holdStubs(steps), async (taskQueue) => {
      const handle = await placed(taskQueue);
      expect(await handle.executeUpdate(removeHold)).toMatchObject({ status: 'REMOVED' });
      expect(await handle.result()).toMatchObject({ outcome: 'completed', value: { status: 'REMOVED' } });
    });
    expect(steps).toEqual(['void:all']);
  });

  it('refuses a redeem of more points than held, or none, in the validator: nothing runs and the hold stays HELD', async () => {
    const steps: string[] = [];
    await withWorker(holdStubs(steps), async (taskQueue) => {
      const handle = await placed(taskQueue);
      expect(await refusedUpdate(handle.executeUpdate(redeemHold, { args: [{ points: '301' }] }))).toBe('business_rule_violated');
      expect(await refusedUpdate(handle.executeUpdate(redeemHold, { args: [{ points: '0' }] }))).toBe('business_rule_violated');
      expect(await handle.query(holdState)).toMatchObject({ status: 'HELD' });
      expect(await handle.executeUpdate(redeemHold, { args: [{ points: '300' }] })).toMatchObject({ status: 'REDEEMED', pointsRedeemed: '300' });
    });
    expect(steps).toEqual(['capture:300']);
  });

  it('goes back to HELD when a redeem is refused by its step, so the POS can redeem again', async () => {
    const steps: string[] = [];
    let refuse = true;
    const resolve = async (outcome: string) => {
      if (outcome === 'capture' && refuse) {
        refuse = false;
        throw ApplicationFailure.create({ type: 'business_rule_violated', message: 'customer blocked', nonRetryable: true });
      }
    };
    await withWorker(holdStubs(steps, resolve), async (taskQueue) => {
      const handle = await placed(taskQueue);
      expect(await refusedUpdate(handle.executeUpdate(redeemHold, { args: [{ points: '100' }] }))).toBe('business_rule_violated');
      expect(await handle.query(holdState)).toMatchObject({ status: 'HELD', pointsRedeemed: '0' });
      expect(await handle.executeUpdate(redeemHold, { args: [{ points: '100' }] })).toMatchObject({ status: 'REDEEMED', pointsRedeemed: '100' });
    });
    expect(steps).toEqual(['capture:100', 'capture:100']);
  });
});

// The Temporal floor the sale path is measured against: a bare workflow with
// one local activity, started the same way as a sale (eagerly, awaited).
import { proxyLocalActivities } from '@temporalio/workflow';

const { floorStep } = proxyLocalActivities<{ floorStep(n: number): Promise<number> }>({ startToCloseTimeout: '10s' });

export async function floor(n: number): Promise<number> {
  return floorStep(n);
}

/**
 * What activities report to the process's metrics: points as they are posted
 * or expired, counted once — after the commit that moved them, never for a
 * retry that found them already moved. The worker's process exports them
 * (runtime/worker-metrics.ts).
 */
export interface PointsMetrics {
  points(schemeId: string, kind: 'earned' | 'redeemed' | 'expired', points: number | string): void;
}

/** For deps built without a process (tests, benchmarks). */
export const uncounted: PointsMetrics = { points: () => undefined };

/** A sale's points, as it was posted (a sale at the till, or one a hold paid for). */
export function countSale(metrics: PointsMetrics, schemeId: string, result: { pointsEarned: number; pointsRedeemed: number }): void {
  metrics.points(schemeId, 'earned', result.pointsEarned);
  metrics.points(schemeId, 'redeemed', result.pointsRedeemed);
}

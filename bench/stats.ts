/** Percentiles by nearest rank over integer microsecond samples. */
export function percentile(sortedMicros: number[], p: number): number {
  if (sortedMicros.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sortedMicros.length);
  return sortedMicros[Math.min(sortedMicros.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(name: string, micros: number[], wallMs: number) {
  const sorted = [...micros].sort((a, b) => a - b);
  const ms = (us: number) => (us / 1000).toFixed(1);
  return {
    scenario: name,
    requests: micros.length,
    'throughput (req/s)': Math.round((micros.length * 1000) / wallMs),
    'p50 (ms)': ms(percentile(sorted, 50)),
    'p95 (ms)': ms(percentile(sorted, 95)),
    'p99 (ms)': ms(percentile(sorted, 99)),
    'max (ms)': ms(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Runs `count` calls of `fn` with at most `concurrency` in flight; returns each call's latency (µs). */
export async function drive(count: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<{ micros: number[]; wallMs: number }> {
  const micros: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      await fn(i);
      micros.push(Number((process.hrtime.bigint() - t0) / 1000n));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { micros, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

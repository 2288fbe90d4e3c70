export default async function globalTeardown(): Promise<void> {
  const stops = ((globalThis as Record<string, unknown>).__hubTestStops ?? []) as Array<() => Promise<void>>;
  for (const stop of stops.reverse()) {
    await stop().catch((err: unknown) => console.error('teardown:', err));
  }
}

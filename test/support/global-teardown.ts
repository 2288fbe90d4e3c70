export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as Record<string, unknown>).__hubTestStop as (() => Promise<void>) | undefined;
  await stop?.();
}

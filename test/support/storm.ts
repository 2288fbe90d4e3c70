import { eventually } from './child-process';

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * `n` identical requests at once, as a till's retries or a double-tapped button arrive. On a busy machine the hub
 * may shed some (503 with Retry-After) rather than queue past its deadline; a till repeats those, so this does too
 * until each is answered. Returns the final answers; a 503 without Retry-After, or any other refusal, stays in
 * them for the test to see.
 */
export async function storm<T extends Answer>(n: number, send: () => Promise<T>): Promise<T[]> {
  const first = await Promise.all(Array.from({ length: n }, send));
  const answered: T[] = [];
  for (const a of first) {
    answered.push(a.status === 503 && a.headers['retry-after'] ? await eventually(send, (r) => r.status !== 503, 60_000) : a);
  }
  return answered;
}

/** One request as a till sends it: repeated while the hub sheds it (503 with Retry-After), as `storm` does. */
export async function asTill<T extends Answer>(send: () => Promise<T>): Promise<T> {
  const first = await send();
  return first.status === 503 && first.headers['retry-after'] ? eventually(send, (r) => r.status !== 503, 60_000) : first;
}

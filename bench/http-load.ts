import http from 'node:http';

/** A keep-alive HTTP client for load: node:http is cheaper per request than fetch, so the load costs the box less. */
export function httpClient(base: string, headers: Record<string, string>) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2048 });
  return {
    request(method: string, path: string, body?: unknown): Promise<{ status: number; ms: number; body: string; retryAfter: string | undefined }> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const started = process.hrtime.bigint();
      return new Promise((resolve, reject) => {
        const req = http.request(
          { host: url.hostname, port: url.port, method, path, agent, headers: { ...headers, ...(payload ? { 'content-length': Buffer.byteLength(payload) } : {}) } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                ms: Number(process.hrtime.bigint() - started) / 1e6,
                body: Buffer.concat(chunks).toString('utf8'),
                retryAfter: res.headers['retry-after'] as string | undefined,
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** `ratePerSecond` calls for `durationMs`, started on a clock whatever the answers (open loop): overload as tills really make it. */
export async function openLoop<T>(ratePerSecond: number, durationMs: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const all: Array<Promise<T>> = [];
  const started = Date.now();
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    all.push(fn(i));
  }
  return Promise.all(all);
}

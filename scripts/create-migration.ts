// `npm run migration:create`: diffs the entities against DATABASE_URL (migrated
// to the latest) and writes the next migration into db/migrations.
import path from 'node:path';
import { loadConfig } from '../config';
import { migrate, openOrm } from '../db/orm';

async function main() {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const orm = await openOrm({ databaseUrl });
  try {
    await migrate(orm);
    const migrator = orm.getMigrator();
    const result = await migrator.createMigration(path.resolve(__dirname, '../db/migrations'), false, false);
    if (!result.fileName) console.log('entities and schema agree: no migration needed');
    else console.log(`wrote db/migrations/${result.fileName}; add it to db/migrations/index.ts`);
  } finally {
    await orm.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

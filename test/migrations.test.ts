import { openOrm, type Orm } from '../db/orm';
import { testEnv } from './support/test-env';

let orm: Orm;
beforeAll(async () => {
  orm = await openOrm({ databaseUrl: testEnv().databaseUrl });
});
afterAll(() => orm.close());

it('has no pending migration after global setup applied them', async () => {
  expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
});

it('has committed migrations that match the entities exactly', async () => {
  // Any entity change without a migration shows up here as SQL to run.
  const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
  expect(diff.trim()).toBe('');
});

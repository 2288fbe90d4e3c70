import { Migration } from '@mikro-orm/migrations';

/** The Loyale change feed (UpdatedCustomers) reads a scheme's customers in (updated_at, id) order from a point in time: an index in that order, so a poll reads its page instead of sorting the scheme. */
export class Migration20261204110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "customers_scheme_updated_at_id_index" on "customers" ("scheme_id", "updated_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "customers_scheme_updated_at_id_index";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Stats (seed 004) read a scheme's rows in a time window: each by an index
 * that starts with the scheme and the time. On a live database with millions
 * of rows, create these `concurrently` by hand before deploying (a migration
 * runs in a transaction, which cannot).
 */
export class Migration20261204220000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "hub_events_scheme_created_type_index" on "hub_events" ("scheme_id", "created_at", "type");`);
    this.addSql(`create index "mission_contributions_scheme_created_index" on "mission_contributions" ("scheme_id", "created_at");`);
    this.addSql(`create index "coupons_book_assigned_index" on "coupons" ("scheme_id", "assigned_at", "book_id") where book_id is not null;`);
    this.addSql(`create index "coupons_book_used_index" on "coupons" ("scheme_id", "used_at", "book_id") where book_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "hub_events_scheme_created_type_index";`);
    this.addSql(`drop index "mission_contributions_scheme_created_index";`);
    this.addSql(`drop index "coupons_book_assigned_index";`);
    this.addSql(`drop index "coupons_book_used_index";`);
  }
}

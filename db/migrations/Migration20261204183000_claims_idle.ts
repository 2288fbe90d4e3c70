import { Migration } from '@mikro-orm/migrations';

/** Finds a scheme's idle Loyalty+ request claims (removed as new claims arrive) without scanning the table. */
export class Migration20261204183000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "pos_request_claims_scheme_id_claimed_at_index" on "pos_request_claims" ("scheme_id", "claimed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "pos_request_claims_scheme_id_claimed_at_index";`);
  }
}

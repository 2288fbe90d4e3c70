import { Migration } from '@mikro-orm/migrations';

/** Loyalty+ store ids (the seed's cuids on a check-in) mapped to the hub outlets their check-ins are booked at. */
export class Migration20261204173000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "pos_settings" add column "store_outlets" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pos_settings" drop column "store_outlets";`);
  }
}

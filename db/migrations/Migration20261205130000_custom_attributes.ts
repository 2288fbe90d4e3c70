import { Migration } from '@mikro-orm/migrations';

/** Members' custom attributes (seed 004 audiences read them). A constant default: no table rewrite on PostgreSQL 11+. */
export class Migration20261205130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customers" add column "custom_attributes" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customers" drop column "custom_attributes";`);
  }
}

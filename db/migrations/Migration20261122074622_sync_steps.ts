import { Migration } from '@mikro-orm/migrations';

export class Migration20261122074622 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "sync_records" add column "steps" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sync_records" drop column "steps";`);
  }

}

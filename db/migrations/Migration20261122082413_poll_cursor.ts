import { Migration } from '@mikro-orm/migrations';

export class Migration20261122082413 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "connections" add column "poll_cursor" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "connections" drop column "poll_cursor";`);
  }

}

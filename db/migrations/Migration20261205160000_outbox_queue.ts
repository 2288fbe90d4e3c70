import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox rows carry the task queue of the process that wrote them (its
 * connections' `hub.outbox` setting — a database trigger's rows included), and
 * a relay claims its own queue's rows and unstamped ones. Rows written before
 * this stay unstamped: any relay may start them, as before.
 */
export class Migration20261205160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "follow_ups" add column "queue" varchar(200) null default current_setting('hub.outbox', true);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "follow_ups" drop column "queue";`);
  }
}

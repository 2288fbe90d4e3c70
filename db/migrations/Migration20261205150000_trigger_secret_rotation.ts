import { Migration } from '@mikro-orm/migrations';

/** Event triggers' secret rotation: the retired secret, still signed with until its overlap ends. */
export class Migration20261205150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "event_triggers" add column "previous_secret_sealed" text null, add column "previous_secret_until" timestamptz(6) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "event_triggers" drop column "previous_secret_sealed", drop column "previous_secret_until";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Settled days of the year-long stats, aggregated once (see db/entities/stats-day.entity.ts). */
export class Migration20261205100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "stats_days" ("scope_id" uuid not null, "metric" varchar(40) not null, "zone" varchar(64) not null, "day" date not null, "scheme_id" uuid not null, "figures" jsonb not null, "computed_at" timestamptz(6) not null default now(), constraint "stats_days_pkey" primary key ("scope_id", "metric", "zone", "day"));`,
    );
    this.addSql(`alter table "stats_days" add constraint "stats_days_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stats_days" cascade;`);
  }
}

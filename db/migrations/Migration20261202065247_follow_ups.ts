import { Migration } from '@mikro-orm/migrations';

export class Migration20261202065247 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "follow_ups" ("id" bigserial primary key, "scheme_id" uuid not null, "key" varchar(300) not null, "lane" varchar(100) not null, "steps" jsonb not null, "attempts" int not null default 0, "claimed_until" timestamptz(6) null, "last_error" text null, "created_at" timestamptz(6) not null);`);
    this.addSql(`create index "follow_ups_lane_index" on "follow_ups" ("lane", "id");`);
    this.addSql(`alter table "follow_ups" add constraint "follow_ups_scheme_key_unique" unique ("scheme_id", "key");`);

    this.addSql(`alter table "follow_ups" add constraint "follow_ups_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "follow_ups" cascade;`);
  }

}
